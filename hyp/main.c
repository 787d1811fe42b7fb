// SPDX-License-Identifier: MIT
/*
 * Boot: from the host device tree and the bundle's configuration to every
 * domain running on its own physical CPUs.
 */
#include <libfdt.h>
#include <string.h>

#include "hyp.h"
#include "arbiter/firmware_caps.h"
#include "arbiter/fmt.h"
#include "arbiter/smccc.h"
#include "arbiter/tee.h"

#define HEAP_SIZE  (16ull << 20)
#define STACK_SIZE 16384
#define SZ_2M	   0x200000ull

_Noreturn void hyp_main(uint64_t fdt_pa);
_Noreturn void hyp_secondary_main(struct pcpu *pc);
extern char _start[], _end[], secondary_entry[];

struct pcpu pcpus[PLAT_MAX_CPUS];
struct host_info host;
struct hdomain *domains;
uint32_t ndomains;
static struct config cfg;
static struct arena heap;
static _Atomic uint32_t system_off_started;

_Noreturn static void fatal(const char *why)
{
	log_printf("FATAL: %s", why);
	/* unreachable from guest input: only boot-time checks of the host
	 * device tree, the bundle and the configuration get here. */
	fw_system_off();
}

static void config_report(void *ctx, const char *line)
{
	(void)ctx;
	log_printf("FATAL: config: %s", line);
}

static void load_config(void)
{
	struct config_errors errs = {.report = config_report};
	const void *base, *blob;
	size_t size;

	if (bundle_find(&base) != 0)
		fatal("no boot bundle after the hypervisor image");
	mem_reserve((uint64_t)(uintptr_t)_start,
		    (uint64_t)(uintptr_t)_end - (uint64_t)(uintptr_t)_start +
			    bundle_size());
	blob = bundle_get("config.dtb", &size);
	if (blob == NULL)
		fatal("the bundle has no config.dtb");
	if (config_parse(blob, size, &cfg, &errs) != 0)
		fatal("invalid configuration");
}

static int pcpu_index(uint32_t cpu)
{
	return cpu < host.ncpus ? (int)cpu : -1;
}

static void domain_setup_vcpus(struct hdomain *hd,
			       const struct domain_config *dc)
{
	for (uint32_t c = 0; c < dc->ncpus; c++) {
		int p = pcpu_index(dc->cpus[c]);

		if (p < 0 || pcpus[p].hv != NULL) {
			log_printf("FATAL: domain %s: physical CPU %u is "
				   "missing or taken",
				   dc->name, dc->cpus[c]);
			fatal("invalid CPU assignment");
		} else {
			hd->hv[c].hd = hd;
			hd->hv[c].pcpu = &pcpus[p];
			pcpus[p].hv = &hd->hv[c];
		}
	}
}

static void domain_setup(struct hdomain *hd, const struct domain_config *dc,
			 uint16_t vmid)
{
	struct config_errors errs = {.report = config_report};
	struct vcpu *vcpus =
		arena_alloc(&heap, sizeof(struct vcpu) * dc->ncpus, 64);

	hd->hv = arena_alloc(&heap, sizeof(struct hvcpu) * dc->ncpus, 64);
	if (vcpus == NULL || hd->hv == NULL)
		fatal("out of hypervisor memory");
	hd->cfg = dc;
	hd->vmid = vmid;
	if (domain_create(&hd->d, vcpus, &cfg, dc, &heap, &errs) != 0)
		fatal("domain creation failed");
	for (uint32_t c = 0; c < dc->ncpus; c++)
		hd->hv[c].v = &vcpus[c];
	domain_setup_vcpus(hd, dc);
	if ((dc->memory_size & (SZ_2M - 1)) != 0 ||
	    dc->memory_size > PLAT_GUEST_RAM_MAX)
		fatal("memory-size must be a multiple of 2 MiB, at most 3 GiB");
	hd->ram_pa = mem_alloc(dc->memory_size, SZ_2M);
	if (hd->ram_pa == 0)
		fatal("not enough RAM for the domains");
	hd->d.ram_host = (uint8_t *)(uintptr_t)hd->ram_pa; /* identity map */
	if (dc->monitor.mode != MONITOR_NONE && hd->d.monitor == NULL)
		hd->d.monitor = arena_alloc(&heap, sizeof(*hd->d.monitor), 64);
	hd->vttbr = arch_vttbr(stage2_create(PLAT_GUEST_RAM_IPA, hd->ram_pa,
					     dc->memory_size, &heap),
			       vmid);
	if ((hd->vttbr & 0xffffffffffffull) == 0)
		fatal("out of memory for stage-2 tables");
	hd->image = bundle_get(dc->image, &hd->image_size);
	if (hd->image == NULL)
		fatal("an image named by the configuration is not in the "
		      "bundle");
	if (dc->initrd != NULL &&
	    (hd->initrd = bundle_get(dc->initrd, &hd->initrd_size)) == NULL)
		fatal("an initrd named by the configuration is not in the "
		      "bundle");
	vuart_reset(hd);
	vgic_domain_reset(hd);
	if (guest_load(hd) != 0)
		fatal("cannot load a domain");
	tee_domain_started(
		&hd->d); /* VM_CREATED before its first instruction */
	atomic_store(&hd->hv[0].boot, 1);
	log_printf("domain %s: %u vCPU(s), %llu MiB at 0x%llx, image %s",
		   dc->name, dc->ncpus,
		   (unsigned long long)(dc->memory_size >> 20),
		   (unsigned long long)hd->ram_pa, dc->image);
}

static void cpus_setup(void)
{
	uint64_t me = arch_mpidr() & 0xff00ffffffull;

	for (uint32_t i = 0; i < host.ncpus; i++) {
		pcpus[i].index = i;
		pcpus[i].mpidr = host.cpu_mpidr[i];
		if (host.cpu_mpidr[i] == me) {
			__asm__ volatile("msr tpidr_el2, %0" ::"r"(&pcpus[i]));
			atomic_store(&pcpus[i].online, 1);
		}
	}
	if (this_pcpu() == NULL)
		fatal("the boot CPU is not in the host device tree");
	if (!gic_init_cpu(me))
		fatal("no GICv3 redistributor for the boot CPU");
}

/* Failed starts logged per physical CPU: a guest may retry CPU_ON forever. */
#define START_FAIL_LOG_MAX 4

bool pcpu_start(struct pcpu *p)
{
	uint32_t expect = PCPU_START_FAILED;
	int64_t r;

	if (atomic_load(&p->online) ||
	    atomic_load(&p->start) == PCPU_START_ASKED)
		return true;
	/* Only after a failure (never while a start is in flight): the
	 * first attempt is the boot CPU's, before any guest runs. */
	if (atomic_load(&p->start) == PCPU_START_NONE)
		expect = PCPU_START_NONE;
	if (!atomic_compare_exchange_strong(&p->start, &expect,
					    PCPU_START_TRYING))
		return false;
	/* The new CPU starts with its MMU off: make what it reads first
	 * visible in memory. */
	cache_clean_range(p, sizeof(*p));
	r = fw_cpu_on(p->mpidr, (uint64_t)(uintptr_t)secondary_entry,
		      (uint64_t)(uintptr_t)p);
	/* ALREADY_ON / ON_PENDING: an earlier request is under way. */
	if (r == PSCI_SUCCESS || r == PSCI_ALREADY_ON || r == PSCI_ON_PENDING) {
		atomic_store(&p->start, PCPU_START_ASKED);
		return true;
	}
	if (p->start_failures < START_FAIL_LOG_MAX)
		log_printf("physical CPU %u (mpidr 0x%llx) failed to start: "
			   "%lld%s",
			   p->index, (unsigned long long)p->mpidr, (long long)r,
			   p->start_failures + 1 == START_FAIL_LOG_MAX
				   ? " (further failures not logged)"
				   : "");
	p->start_failures++;
	atomic_store(&p->start, PCPU_START_FAILED);
	return false;
}

/* A CPU that fails to start here is tried again by its vCPU's CPU_ON. */
static void secondaries_start(void)
{
	for (uint32_t i = 0; i < host.ncpus; i++) {
		struct pcpu *p = &pcpus[i];
		uint8_t *stack;

		if (p->hv == NULL || atomic_load(&p->online))
			continue;
		stack = arena_alloc(&heap, STACK_SIZE, 16);
		if (stack == NULL)
			fatal("out of hypervisor memory");
		else
			p->arch.stack_top =
				(uint64_t)(uintptr_t)stack + STACK_SIZE;
		pcpu_start(p);
	}
}

/* Attempts, in all, to start the CPU of a domain's first vCPU. */
#define BOOT_CPU_TRIES 3

/*
 * A domain whose first vCPU has no CPU to run on would neither run nor
 * ever power off, and the machine would wait for it forever: try its CPU
 * again, then power the domain off. The other domains are not affected.
 */
static void boot_cpus_check(void)
{
	for (uint32_t i = 0; i < ndomains; i++) {
		struct pcpu *p = domains[i].hv[0].pcpu;
		bool up = pcpu_start(p);

		for (unsigned t = 2; !up && t < BOOT_CPU_TRIES; t++)
			up = pcpu_start(p);
		if (up)
			continue;
		log_printf("domain %s: physical CPU %u did not start: the "
			   "domain cannot run",
			   domains[i].d.name, p->index);
		plat_domain_off(&domains[i].d);
	}
}

_Noreturn void hyp_main(uint64_t fdt_pa)
{
	const void *fdt = (const void *)(uintptr_t)fdt_pa;
	uint64_t heap_pa;

	console_init(PLAT_UART_PA);
	log_printf("Arbiter hypervisor at 0x%llx, host device tree at 0x%llx",
		   (unsigned long long)(uintptr_t)_start,
		   (unsigned long long)fdt_pa);
	if (hostdt_parse(fdt, &host) != 0)
		fatal("no valid host device tree in x0");
	console_init(host.uart);
	if (host.psci_hvc)
		fatal("the firmware's PSCI conduit is HVC: unusable from EL2");
	cpus_setup();
	firmware_probe();
	tee_probe();
	if (mem_from_fdt(fdt) != 0)
		fatal("no RAM in the host device tree");
	mem_reserve(fdt_pa, fdt_totalsize(fdt));
	load_config();
	heap_pa = mem_alloc(HEAP_SIZE, 4096);
	if (heap_pa == 0)
		fatal("no RAM for the hypervisor heap");
	arena_init(&heap, (void *)(uintptr_t)heap_pa, HEAP_SIZE);
	gic_init_global(host.gicd, host.gicr, host.gicr_size);
	domains = arena_alloc(&heap, sizeof(*domains) * cfg.ndomains, 64);
	if (domains == NULL)
		fatal("out of hypervisor memory");
	ndomains = cfg.ndomains;
	for (uint32_t i = 0; i < cfg.ndomains; i++)
		domain_setup(&domains[i], &cfg.domains[i], (uint16_t)(i + 1));
	secondaries_start();
	boot_cpus_check();
	vcpu_loop(this_pcpu());
}

_Noreturn void hyp_secondary_main(struct pcpu *pc)
{
	if (!gic_init_cpu(pc->mpidr))
		log_printf("no GICv3 redistributor for CPU %u", pc->index);
	atomic_store(&pc->online, 1);
	vcpu_loop(pc);
}

void hyp_system_off_if_idle(void)
{
	for (uint32_t i = 0; i < ndomains; i++)
		if (atomic_load(&domains[i].state) != HDOM_OFF)
			return;
	if (atomic_exchange(&system_off_started, 1))
		return;
	log_printf("all domains are off: system off");
	fw_system_off();
}
