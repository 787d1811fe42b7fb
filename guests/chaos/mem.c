// SPDX-License-Identifier: MIT
/*
 * Bad memory accesses of every width (byte to store pair) to unmapped IPAs
 * and to the emulated PL011 and GIC, non-zero immediates on both conduits,
 * and WFE storms. An access to an unmapped IPA must come back as a
 * synchronous external abort (EC 0x25, DFSC 0x10) at the access, with FAR
 * = the address; an access the emulation accepts must not fault; a bad
 * immediate is UNDEFINED at the instruction, or -1 and skipped when the
 * domain is configured so.
 */
#include "chaos.h"

#define EC(esr)	    ((esr) >> 26)
#define EC_UNKNOWN  0x00u
#define EC_DABT_CUR 0x25u

enum op { LDB, LDH, LDW, LDX, LDP, STB, STH, STW, STX, STP, NOPS };
static const unsigned op_size[NOPS] = {1, 2, 4, 8, 16, 1, 2, 4, 8, 16};

#define ACCESS(insn)                                                           \
	__asm__ volatile("adr %0, 1f\n1:\t" insn                               \
			 : "=&r"(pc), "+r"(v), "+r"(v2)                        \
			 : "r"(a)                                              \
			 : "memory")

/* One access; returns the address of the instruction that made it. */
static uint64_t access(enum op op, uint64_t a, uint64_t v)
{
	uint64_t pc, v2 = v;

	switch (op) {
	case LDB:
		ACCESS("ldrb %w1, [%3]");
		break;
	case LDH:
		ACCESS("ldrh %w1, [%3]");
		break;
	case LDW:
		ACCESS("ldr %w1, [%3]");
		break;
	case LDX:
		ACCESS("ldr %1, [%3]");
		break;
	case LDP:
		ACCESS("ldp %1, %2, [%3]");
		break;
	case STB:
		ACCESS("strb %w1, [%3]");
		break;
	case STH:
		ACCESS("strh %w1, [%3]");
		break;
	case STW:
		ACCESS("str %w1, [%3]");
		break;
	case STX:
		ACCESS("str %1, [%3]");
		break;
	default:
		ACCESS("stp %1, %2, [%3]");
		break;
	}
	return pc;
}

/* An IPA nothing is mapped or emulated at. */
static uint64_t unmapped(struct cpu_state *s)
{
	switch (rnd_below(s, 6)) {
	case 0:
		return 0x0a000000ull + rnd_below(s, 0x4000); /* virtio-mmio */
	case 1:
		return rnd_below(s, 0x08000000); /* flash, below the GIC */
	case 2:
		return guest_ram_base + guest_ram_size +
		       rnd_below(s, 0x10000000); /* others' RAM */
	case 3:
		return 0x100000000ull + rnd_below(s, 0x100000000ull);
	case 4: /* a redistributor past our vCPUs */
		return 0x080a0000ull + 0x20000ull * guest_ncpus +
		       rnd_below(s, 0x20000);
	default:
		return 0x09010000ull + rnd_below(s, 0x10000); /* RTC, GPIO */
	}
}

static void expect_abort(struct cpu_state *s, enum op op, uint64_t a)
{
	static uint64_t ram_word[2];
	uint64_t pc;

	if (chaos_mutation == MUT_ABORT) { /* our own RAM, read */
		a = (uintptr_t)ram_word;
		op = op >= STB ? (enum op)(op - STB) : op;
	}
	s->armed = true;
	pc = access(op, a, rnd(s));
	s->mem++;
	if (s->armed) {
		s->armed = false;
		violation(s, "op %u at 0x%llx: no abort", op,
			  (unsigned long long)a);
		return;
	}
	s->aborts++;
	if (EC(s->esr) != EC_DABT_CUR || (s->esr & 0x3f) != 0x10 ||
	    s->elr != pc || s->far != a)
		violation(
			s, "op %u at 0x%llx: esr 0x%llx elr 0x%llx far 0x%llx",
			op, (unsigned long long)a, (unsigned long long)s->esr,
			(unsigned long long)s->elr, (unsigned long long)s->far);
}

/* PL011: 1, 2 and 4 bytes work (never DR: it would print); 8 and pairs
 * abort. */
static void uart_access(struct cpu_state *s, enum op op)
{
	unsigned size = op_size[op];
	uint64_t a = 0x09000000ull + 4 + rnd_below(s, 0xffc);

	a &= ~(uint64_t)(size - 1);
	if (a < 0x09000004ull)
		a = 0x09000008ull;
	if (size > 4) {
		expect_abort(s, op, a);
		return;
	}
	s->armed = true;
	access(op, a, rnd(s));
	s->mem++;
	if (!s->armed)
		violation(s, "PL011 op %u at 0x%llx: esr 0x%llx", op,
			  (unsigned long long)a, (unsigned long long)s->esr);
	s->armed = false;
}

/* GIC distributor: whatever the register, an answer or an abort. */
static void gic_access(struct cpu_state *s, enum op op)
{
	unsigned size = op_size[op];
	uint64_t a = 0x08000000ull + rnd_below(s, 0x10000);

	a &= ~(uint64_t)((size > 8 ? 8 : size) - 1);
	s->armed = true;
	access(op, a, rnd(s));
	s->mem++;
	if (s->armed) {
		s->armed = false;
		return;
	}
	s->aborts++;
	if (EC(s->esr) != EC_DABT_CUR || (s->esr & 0x3f) != 0x10)
		violation(s, "GICD op %u at 0x%llx: esr 0x%llx", op,
			  (unsigned long long)a, (unsigned long long)s->esr);
}

void mem_storm(struct cpu_state *s)
{
	for (unsigned i = 0; i < 8; i++) {
		enum op op = (enum op)rnd_below(s, NOPS);
		unsigned size = op_size[op] > 8 ? 8 : op_size[op];

		switch (rnd_below(s, 4)) {
		case 0:
			uart_access(s, op);
			break;
		case 1:
			/* Half the stores become loads: reads reach more
			 * registers. */
			if (op >= STB && rnd_below(s, 2))
				op = (enum op)(op - STB);
			gic_access(s, op);
			break;
		default:
			expect_abort(s, op,
				     unmapped(s) & ~(uint64_t)(size - 1));
			break;
		}
	}
}

void imm_storm(struct cpu_state *s)
{
	static char *const insn[4] = {chaos_imm_insn0, chaos_imm_insn1,
				      chaos_imm_insn2, chaos_imm_insn3};

	for (unsigned i = 0; i < 4; i++) {
		unsigned which = (unsigned)rnd_below(s, 4);
		uint64_t x0 = ARM_SMCCC_VERSION | (rnd(s) << 32), r;

		s->armed = true;
		r = chaos_imm(which, x0);
		s->imm++;
		s->calls++;
		if (imm_is_unknown != (chaos_mutation == MUT_UNDEF)) {
			if (!s->armed || r != SMCCC_UNKNOWN)
				violation(s, "imm %u: x0 0x%llx, esr 0x%llx",
					  which, (unsigned long long)r,
					  (unsigned long long)s->esr);
			s->armed = false;
			continue;
		}
		if (s->armed) {
			s->armed = false;
			violation(s, "imm %u: no UNDEF (x0 0x%llx)", which,
				  (unsigned long long)r);
			continue;
		}
		s->undefs++;
		if (EC(s->esr) != EC_UNKNOWN ||
		    s->elr != (uintptr_t)insn[which] || r != x0)
			violation(s, "imm %u: esr 0x%llx elr 0x%llx x0 0x%llx",
				  which, (unsigned long long)s->esr,
				  (unsigned long long)s->elr,
				  (unsigned long long)r);
	}
}

void wfe_storm(struct cpu_state *s)
{
	unsigned n = 1 + (unsigned)rnd_below(s, 64);

	for (unsigned i = 0; i < n; i++)
		__asm__ volatile("sevl\n\twfe\n\tsev\n\twfe" ::: "memory");
	s->wfe++;
}

#define GICR_SGI(cpu)	 (0x080a0000ull + 0x20000ull * (cpu) + 0x10000ull)
#define VTIMER_INTID	 27u
#define CNTV_CTL_ENABLE	 1u
#define CNTV_CTL_ISTATUS 4u
#define WFI_SPIN_LIMIT	 1000000u

/* Our virtual timer's PPI enabled in our redistributor, group 1 on. */
static void timer_irq_setup(unsigned cpu)
{
	*(volatile uint32_t *)(GICR_SGI(cpu) + 0x100) = 1u << VTIMER_INTID;
	*(volatile uint8_t *)(GICR_SGI(cpu) + 0x400 + VTIMER_INTID) = 0x80;
	__asm__ volatile("msr S3_0_C4_C6_0, %0\n\t"   /* ICC_PMR_EL1 */
			 "msr S3_0_C12_C12_7, %1\n\t" /* ICC_IGRPEN1_EL1 */
			 "isb" ::"r"(0xffull),
			 "r"(1ull));
}

/* Acknowledge and end what is pending; true when the timer's PPI was. */
static bool timer_irq_taken(void)
{
	bool seen = false;

	for (unsigned i = 0; i < 16; i++) {
		uint64_t iar;

		__asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(iar));
		if (iar >= 1020)
			break;
		__asm__ volatile("msr S3_0_C12_C12_1, %0\n\tisb" ::"r"(iar));
		seen = seen || iar == VTIMER_INTID;
	}
	return seen;
}

/*
 * WFI with the virtual timer armed a few microseconds ahead: the vCPU owns
 * its CPU, so WFI really sleeps, and the timer must wake it and be
 * delivered as its PPI. A WFI that never returns hangs the run (caught by
 * the scenario's timeout); one whose timer interrupt never arrives is a
 * violation.
 */
void wfi_storm(struct cpu_state *s, unsigned cpu)
{
	uint64_t f;
	unsigned n = 1 + (unsigned)rnd_below(s, 8);

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	timer_irq_setup(cpu);
	for (unsigned i = 0; i < n; i++) {
		uint64_t ctl = 0, spins = 0;
		bool seen = false;

		__asm__ volatile("msr cntv_tval_el0, %0\n\t"
				 "msr cntv_ctl_el0, %1\n\tisb" ::"r"(
					 f / 100000 * (1 + rnd_below(s, 20))),
				 "r"((uint64_t)CNTV_CTL_ENABLE));
		while (!seen && spins++ < WFI_SPIN_LIMIT) {
			__asm__ volatile("wfi\n\tisb\n\tmrs %0, cntv_ctl_el0"
					 : "=r"(ctl));
			if (ctl & CNTV_CTL_ISTATUS)
				seen = timer_irq_taken();
		}
		__asm__ volatile("msr cntv_ctl_el0, xzr\n\tisb");
		if (!seen)
			violation(s,
				  "WFI: timer PPI never delivered (ctl 0x%llx)",
				  (unsigned long long)ctl);
		s->wfi++;
	}
}
