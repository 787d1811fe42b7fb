// SPDX-License-Identifier: MIT
/*
 * One vCPU per physical CPU, pinned: each pCPU runs a loop that starts its
 * vCPU when there is something to start (boot, CPU_ON, a power-down
 * suspend's resume) and otherwise sleeps in WFI until an SGI kicks it.
 * Never a plain busy loop: under QEMU -icount a spinning CPU starves the
 * others (DESIGN §6).
 */
#include <stdatomic.h>

#include "hyp.h"
#include "arbiter/fmt.h"

#define FAULT_LOG_MAX 8

static void vcpu_run(struct hvcpu *hv, uint64_t pc, uint64_t x0)
{
	struct guest_entry e = {.pc = pc, .x0 = x0, .vcpu = hv->v};

	arch_vcpu_prepare(hv->hd->vttbr,
			  vcpu_mpidr(hv->v->index) | (1ull << 31));
	vgic_vcpu_start(hv);
	hv->pcpu->arch.cur = hv->v;
	guest_entry_fast(&e, hv->hd->d.fast_call);
	guest_enter(&e);
	hv->pcpu->arch.cur = NULL;
	vgic_vcpu_stop();
}

static bool domain_running(struct hdomain *hd)
{
	return atomic_load_explicit(&hd->state, memory_order_acquire) ==
	       HDOM_RUNNING;
}

_Noreturn void vcpu_loop(struct pcpu *pc)
{
	for (;;) {
		struct hvcpu *hv = pc->hv;
		uint64_t entry, ctx;

		/* Out of the guest: acknowledge any stop request. */
		if (atomic_exchange_explicit(&pc->arch.req, 0,
					     memory_order_acq_rel) != 0)
			__asm__ volatile("dsb ish\n\tsev" ::: "memory");
		if (hv != NULL && domain_running(hv->hd)) {
			if (atomic_exchange_explicit(&hv->boot, 0,
						     memory_order_acq_rel)) {
				vcpu_run(hv, hv->hd->entry_ipa, hv->hd->dt_ipa);
				continue;
			}
			if (vcpu_power_take_pending(hv->v, &entry, &ctx)) {
				vcpu_run(hv, entry, ctx);
				continue;
			}
		}
		__asm__ volatile("dsb sy\n\twfi" ::: "memory");
		hyp_irq_handle();
	}
}

/* Trap path, with pcpu.req set: leave the guest so the loop sees it. */
int hyp_cpu_requests(void)
{
	return 1;
}

/*
 * Sleep in WFI until any interrupt: a kick SGI, the guest's timer, or the
 * hypervisor timer armed here for about a millisecond, so a guest that
 * waits with no wake-up source of its own (CPU_SUSPEND standby) still
 * comes back, and the wait is never a busy loop.
 */
void hyp_idle(void)
{
	uint64_t tick = arch_counter_freq() / 1000;

	__asm__ volatile("msr cnthp_tval_el2, %0" ::"r"(tick ? tick : 1000));
	__asm__ volatile("msr cnthp_ctl_el2, %0" ::"r"(1ull));
	__asm__ volatile("isb\n\tdsb sy\n\twfi" ::: "memory");
	__asm__ volatile("msr cnthp_ctl_el2, %0" ::"r"(0ull));
	__asm__ volatile("isb");
	hyp_irq_handle();
}

/* Stop every vCPU of `hd` but the caller's and wait until each is out. */
void pcpu_stop_vcpus(struct hdomain *hd, struct hvcpu *self)
{
	for (uint16_t i = 0; i < hd->d.nvcpus; i++) {
		struct pcpu *p = hd->hv[i].pcpu;

		if (&hd->hv[i] == self || !atomic_load(&p->online))
			continue;
		/* Always with the SGI: the trap path relies on it to leave
		 * the guest (vectors.S, call_done). */
		atomic_fetch_or_explicit(&p->arch.req, REQ_STOP,
					 memory_order_acq_rel);
		gic_send_sgi(p->mpidr);
	}
	for (uint16_t i = 0; i < hd->d.nvcpus; i++) {
		struct pcpu *p = hd->hv[i].pcpu;

		if (&hd->hv[i] == self || !atomic_load(&p->online))
			continue;
		/* Bounded: the target acknowledges at its next trap or
		 * wake-up, and the SGI forces one of those. */
		while (atomic_load_explicit(&p->arch.req,
					    memory_order_acquire) &
		       REQ_STOP)
			__asm__ volatile("wfe");
	}
}

void hyp_guest_fault(struct vcpu *v, const char *what, uint64_t addr,
		     uint64_t pc)
{
	struct hdomain *hd;
	uint32_t n;

	if (v == NULL)
		return;
	hd = hvcpu_of(v)->hd;
	atomic_fetch_add_explicit(&hd->faults, 1, memory_order_relaxed);
	/* Rate limit: a guest must not flood the log. One atomic step per
	 * line, so vCPUs faulting at once cannot both take the last one (a
	 * soak run once logged 9); the load keeps a saturated counter from
	 * growing further. */
	if (atomic_load_explicit(&hd->faults_logged, memory_order_relaxed) >
	    FAULT_LOG_MAX)
		return;
	n = atomic_fetch_add_explicit(&hd->faults_logged, 1,
				      memory_order_relaxed);
	if (n > FAULT_LOG_MAX)
		return;
	if (n == FAULT_LOG_MAX) {
		log_printf("domain %s: further faults not logged", hd->d.name);
		return;
	}
	log_printf("domain %s vcpu %u: %s at 0x%llx (pc 0x%llx)", hd->d.name,
		   v->index, what, (unsigned long long)addr,
		   (unsigned long long)pc);
}
