// SPDX-License-Identifier: MIT
/*
 * The platform functions the core calls (arbiter/platform.h), for the
 * target: vCPU power-up and kicks, whole-domain power-off and reset,
 * entropy, time. The firmware SMC is in fwcall.c (hyp/faults/ replaces it
 * in the fault-injection test image).
 */
#include <stdatomic.h>

#include "hyp.h"
#include "arbiter/fmt.h"
#include "arbiter/monitor.h"
#include "arbiter/smccc.h"
#include "arbiter/tee.h"

/* The vCPU's physical CPU was started at boot; if that failed, try again. */
bool plat_vcpu_power_up(struct vcpu *target)
{
	return pcpu_start(hvcpu_of(target)->pcpu);
}

void plat_vcpu_kick(struct vcpu *target)
{
	struct pcpu *p = hvcpu_of(target)->pcpu;

	if (p != this_pcpu() && atomic_load(&p->online))
		gic_send_sgi(p->mpidr);
}

/* Take the domain from RUNNING to BUSY; false when someone else has it. */
static bool domain_claim(struct hdomain *hd)
{
	uint32_t expect = HDOM_RUNNING;

	return atomic_compare_exchange_strong(&hd->state, &expect, HDOM_BUSY);
}

static struct hvcpu *caller(void)
{
	struct vcpu *v = this_pcpu()->arch.cur;

	return v ? hvcpu_of(v) : NULL;
}

void plat_domain_off(struct domain *dom)
{
	struct hdomain *hd = container_of(dom, struct hdomain, d);

	if (!domain_claim(hd))
		return;
	pcpu_stop_vcpus(hd, caller());
	monitor_agent_gone(dom);
	tee_domain_stopped(dom); /* its calls drained, then VM_DESTROYED */
	for (uint16_t i = 0; i < dom->nvcpus; i++)
		atomic_store(&dom->vcpus[i].power, VCPU_OFF);
	vuart_flush(hd);
	atomic_store(&hd->state, HDOM_OFF);
	log_printf("domain %s powered off", dom->name);
	hyp_domain_summary(hd);
	hyp_system_off_if_idle();
}

void plat_domain_reset(struct domain *dom)
{
	struct hdomain *hd = container_of(dom, struct hdomain, d);
	struct hvcpu *self = caller();

	if (!domain_claim(hd))
		return;
	pcpu_stop_vcpus(hd, self);
	monitor_agent_gone(dom);
	tee_domain_stopped(dom);
	vuart_flush(hd);
	domain_reset_vcpus(dom);
	for (uint16_t i = 0; i < dom->nvcpus; i++)
		atomic_store(&hd->hv[i].boot, i == 0);
	vuart_reset(hd);
	vgic_domain_reset(hd);
	log_printf("domain %s reset", dom->name);
	if (guest_load(hd) != 0) {
		atomic_store(&hd->state, HDOM_OFF);
		hyp_system_off_if_idle();
		return;
	}
	tee_domain_started(dom); /* VM_CREATED again before it runs */
	atomic_store(&hd->state, HDOM_RUNNING);
	if (&hd->hv[0] != self)
		plat_vcpu_kick(hd->hv[0].v);
}

/* The trap path leaves esr and pstate out of the frame: read them here,
 * still the trap's own (nothing else was taken since). */
bool plat_monitor_post(struct vcpu *c, const struct call_frame *frame)
{
	struct call_frame ev = *frame;

	arch_frame_syndrome(&ev);
	return monitor_post(c, &ev);
}

/* FEAT_RNG: RNDR sets NZCV.Z when it could not deliver. */
static bool rndr(uint64_t *out)
{
	uint64_t v, nzcv;

	__asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tmrs %1, nzcv"
			 : "=r"(v), "=r"(nzcv));
	*out = v;
	return (nzcv & (1ull << 30)) == 0;
}

int plat_entropy_get(uint64_t out[3], unsigned nbits)
{
	uint64_t isar0 = arch_id_isar0();

	if (((isar0 >> 60) & 0xf) == 0 || nbits == 0 || nbits > 192)
		return TRNG_NO_ENTROPY;
	for (unsigned i = 0; i < 3; i++) {
		unsigned tries = 0;

		out[i] = 0;
		if (i * 64 >= nbits)
			continue;
		while (!rndr(&out[i]))
			if (++tries == 16)
				return TRNG_NO_ENTROPY;
		if (nbits - i * 64 < 64)
			out[i] &= (1ull << (nbits - i * 64)) - 1;
	}
	return TRNG_SUCCESS;
}

/* The EL2 map is an identity map. */
uint64_t plat_hyp_pa(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

uint64_t plat_guest_pa(const struct domain *d, uint64_t ipa)
{
	const struct hdomain *hd = container_of(d, struct hdomain, d);

	if (ipa < d->ram_ipa || ipa - d->ram_ipa >= d->ram_size)
		return 0;
	return hd->ram_pa + (ipa - d->ram_ipa);
}

uint64_t plat_time_ns(void)
{
	uint64_t t = arch_counter(), f = arch_counter_freq();

	if (f == 0)
		return 0;
	return (t / f) * 1000000000ull + ((t % f) * 1000000000ull) / f;
}
