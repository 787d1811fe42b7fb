/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's own structures around the core's domain and vCPU, and
 * the interfaces between its parts.
 */
#ifndef HYP_HYP_H
#define HYP_HYP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arbiter/arena.h"
#include "arbiter/config.h"
#include "arbiter/domain.h"
#include "../arch/aarch64/arch.h"
#include "../plat/qemu-virt/plat.h"

#define container_of(p, type, member)                                          \
	((type *)(void *)((char *)(p)-offsetof(type, member)))

/* pcpu.req bits. */
#define REQ_STOP 1u /* leave the guest; the vCPU is being stopped */

struct hdomain;

/* pcpu.start: the firmware's CPU_ON for a secondary CPU. */
enum pcpu_start_state {
	PCPU_START_NONE = 0, /* never asked (or the boot CPU) */
	PCPU_START_TRYING,   /* a CPU_ON is being made */
	PCPU_START_ASKED,    /* the firmware accepted it */
	PCPU_START_FAILED, /* it refused: the next CPU_ON of the vCPU retries */
};

struct pcpu {
	struct arch_cpu arch; /* first: TPIDR_EL2 points here */
	struct hvcpu *hv;     /* vCPU pinned here, NULL when none */
	uint64_t mpidr;
	uint32_t index;
	_Atomic uint32_t online;
	_Atomic uint32_t start;	 /* enum pcpu_start_state */
	uint32_t start_failures; /* written only while TRYING */
};

/* Emulated GICv3 redistributor of one vCPU: SGIs and PPIs (INTIDs 0-31). */
struct vgic_cpu {
	uint32_t enabled;
	_Atomic uint32_t pending; /* set from any pCPU, taken by the owner */
	uint32_t group;
	uint32_t cfg1; /* ICFGR1: PPI trigger modes */
	uint32_t waker;
	bool timer_held; /* physical PPI 27 active, not yet given */
	uint8_t prio[32];
};

/* Emulated GICv3 distributor of a domain: SPIs 32-63. */
#define VGIC_NSPI 32
struct vgic_dist {
	uint32_t ctlr;
	uint32_t enabled;
	_Atomic uint32_t pending;
	uint32_t group;
	uint32_t cfg[2];
	uint8_t prio[VGIC_NSPI];
	uint64_t route[VGIC_NSPI];
	_Atomic uint32_t lock;
};

struct hvcpu {
	struct vcpu *v; /* the core's view (dom->vcpus[i]) */
	struct hdomain *hd;
	struct pcpu *pcpu;
	_Atomic uint32_t boot; /* start at the image entry (boot, reset) */
	struct vgic_cpu vgic;
};

/* Emulated PL011 state and the console line it is filling. */
struct vuart {
	uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
	uint32_t len;
	char line[160];
};

enum hdomain_state {
	HDOM_RUNNING = 0,
	HDOM_BUSY, /* a reset or power-off of the domain is in progress */
	HDOM_OFF,
};

struct hdomain {
	struct domain d;
	struct hvcpu *hv;
	const struct domain_config *cfg;
	uint64_t ram_pa;
	uint64_t vttbr;
	uint16_t vmid;
	const uint8_t *image;
	size_t image_size;
	const uint8_t *initrd;
	size_t initrd_size;
	uint64_t initrd_ipa;
	uint64_t entry_ipa;
	uint64_t dt_ipa;
	_Atomic uint32_t state;
	_Atomic uint32_t faults_logged; /* lines; vCPUs fault at once */
	_Atomic uint64_t faults; /* guest faults answered with an abort */
	struct vuart uart;
	_Atomic uint32_t uart_lock;
	struct vgic_dist vgic;
};

static inline struct hdomain *hdomain_of(struct domain *d)
{
	return container_of(d, struct hdomain, d);
}

static inline struct hvcpu *hvcpu_of(struct vcpu *v)
{
	return &hdomain_of(v->dom)->hv[v->index];
}

static inline struct pcpu *this_pcpu(void)
{
	return (struct pcpu *)(void *)arch_this_cpu();
}

/* Boot-time facts from the host device tree. */
struct host_info {
	uint32_t ncpus;
	uint64_t cpu_mpidr[PLAT_MAX_CPUS];
	uint64_t uart;
	uint64_t gicd, gicr, gicr_size;
	bool psci_hvc; /* the firmware wants HVC: unusable from EL2 */
};

extern struct pcpu pcpus[PLAT_MAX_CPUS];
extern struct host_info host;
extern struct hdomain *domains;
extern uint32_t ndomains;

/* hostdt.c */
int hostdt_parse(const void *fdt, struct host_info *hi);
int hostdt_reg(const void *fdt, int node, int idx, uint64_t *base,
	       uint64_t *size);
/* mem.c: host RAM minus everything not ours to give. */
void mem_add_ram(uint64_t base, uint64_t size);
void mem_reserve(uint64_t base, uint64_t size);
uint64_t mem_alloc(uint64_t size, uint64_t align);
int mem_from_fdt(const void *fdt);
void mem_dump(void);
/* console.c */
void console_init(uint64_t uart_pa);
void console_write_line(const char *prefix, const char *s, size_t len);
void vuart_putc(struct hdomain *hd, char ch);
void vuart_flush(struct hdomain *hd);
void vuart_reset(struct hdomain *hd);
bool vuart_access(struct hdomain *hd, uint64_t off, bool write, unsigned size,
		  uint64_t *val);
/* vgic.c: the emulated GICv3 each domain sees. */
void vgic_domain_reset(struct hdomain *hd);
void vgic_vcpu_start(struct hvcpu *hv);
void vgic_vcpu_stop(void);
bool vgic_mmio(struct hvcpu *hv, uint64_t ipa, bool write, unsigned size,
	       uint64_t *val);
void vgic_uart_changed(struct hdomain *hd);
void hyp_irq_handle(void);
void hyp_sgi_write(uint64_t val);
void vgic_kick(struct hvcpu *hv);
void vgic_dist_lock(struct vgic_dist *d);
void vgic_dist_unlock(struct vgic_dist *d);

/* bundle.c */
int bundle_find(const void **base);
const void *bundle_get(const char *name, size_t *size);
uint64_t bundle_size(void);
/* guest.c */
int guest_load(struct hdomain *hd);
int guest_make_dt(struct hdomain *hd);
/* main.c: power a secondary CPU through the firmware (boot, CPU_ON). */
bool pcpu_start(struct pcpu *p);
/* vcpu.c */
_Noreturn void vcpu_loop(struct pcpu *pc);
void pcpu_stop_vcpus(struct hdomain *hd, struct hvcpu *self);
void hyp_system_off_if_idle(void);
/* Two log lines of the domain's counters (hyp/stats.c). */
void hyp_domain_summary(struct hdomain *hd);
/* psci.c: the hypervisor's own PSCI calls to the firmware. */
int64_t fw_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t ctx);
_Noreturn void fw_system_off(void);

#endif
