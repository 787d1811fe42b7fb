// SPDX-License-Identifier: MIT
/*
 * mode=hostile, the argument changed under the mediator's feet. First a
 * call held in an RPC while we rewrite everything of it (header,
 * parameters, our page list): the secure side must still work on what
 * the call said when it was made, and only output fields come back.
 * Then vCPU 1 flips the argument and the list between good and foreign
 * values while vCPU 0 calls with it: each answer must be a right sum or
 * a clean refusal, never a foreign page used.
 */
#include "tc.h"

#define TMEM_NC(t) (OPTEE_MSG_ATTR_##t | OPTEE_MSG_ATTR_NONCONTIG)

struct rewrite {
	struct tc_arg *a;
	struct tc_list ld, le;
	void *d[2], *e[2];
	uint64_t sd, se;
};
static struct rewrite rw;
static _Atomic bool rw_stop, rw_running;
static _Atomic unsigned rw_flips;
/* What vCPU 1 flips: our list's first entry, or the argument. */
static _Atomic bool rw_list_only;

static void held_rewrite(uint32_t s)
{
	struct tc_param m =
		tmem(TMEM_NC(TMEM_INPUT), rw.ld.buf | 0x10, 2 * PG - 0x10);
	struct tc_arg *a = sum_arg(my_arg(2), s, &m);
	uint64_t want = rw.sd;
	struct tc_call k;

	for (unsigned i = 0; i < 0x10; i++)
		want -= ((uint8_t *)rw.d[0])[i];
	preempt_next(s);
	call_init(&k, tc.c);
	tap_ok(call_start(&k, a) == OPTEE_SMC_RPC_FOREIGN_INTR,
	       "a CHECKSUM held in a FOREIGN_INTR");
	a->cmd = OPTEE_MSG_CMD_UNREGISTER_SHM;
	a->func = 77;
	a->session = 0;
	a->nparams = 127;
	a->p[0] = tmem(TMEM_NC(TMEM_INPUT), rw.le.buf, 2 * PG);
	a->p[1].attr = OPTEE_MSG_ATTR_NONE;
	rw.ld.lp[0][0] = ipa(rw.e[0]);
	rw.ld.lp[0][1] = SECURE_RAM;
	/* cmd, func, session, num_params, p0, and our list (a foreign
	 * entry) were all rewritten. */
	tap_ok(call_finish(&k) == 0 && a->ret == 0 && a->p[1].a == want,
	       "everything rewritten meanwhile: the sum is of the pages "
	       "named when the call was made");
	tap_ok(a->cmd == OPTEE_MSG_CMD_UNREGISTER_SHM && a->func == 77 &&
		       a->nparams == 127 && a->p[0].a == rw.le.buf &&
		       a->p[1].attr == OPTEE_MSG_ATTR_NONE,
	       "only outputs came back: what we rewrote is as we left it");
	rw.ld.lp[0][0] = ipa(rw.d[0]);
	rw.ld.lp[0][1] = ipa(rw.d[1]);
}

void rewrite_cpu(unsigned index)
{
	unsigned i = 0;

	(void)index;
	atomic_store(&rw_running, true);
	while (!atomic_load(&rw_stop)) {
		volatile struct tc_arg *a = rw.a;
		volatile uint64_t *l = rw.ld.lp[0];

		/* Between a mediator's check and its use of an entry it
		 * read twice, the entry changes. */
		if (atomic_load(&rw_list_only)) {
			l[0] = i++ & 1 ? SECURE_RAM : ipa(rw.d[0]);
			atomic_fetch_add(&rw_flips, 1);
			continue;
		}
		switch (i++ % 6) {
		case 0:
			a->p[0].a = rw.le.buf;
			break;
		case 1:
			a->p[0].a = SECURE_RAM;
			break;
		case 2:
			a->p[0].a = rw.ld.buf;
			break;
		case 3:
			a->nparams = 200;
			break;
		case 4:
			a->p[0].b = 1ull << 40;
			break;
		default:
			a->p[0].b = 2 * PG;
			a->nparams = 2;
			break;
		}
		atomic_fetch_add(&rw_flips, 1);
	}
	atomic_store(&rw_running, false);
}

/* Calls until both outcomes were seen often enough: how the flips fall
 * against the calls depends on how the host schedules the two vCPUs. */
#define RACE_MIN   300
#define RACE_EACH  20
#define RACE_CALLS 5000
#define RACE_MS	   10000

/* One call with the argument vCPU 1 is rewriting: 1 a right sum, 0
 * refused by the mediator, -1 anything else. */
static int race_call(uint32_t s)
{
	struct tc_param m = tmem(TMEM_NC(TMEM_INPUT), rw.ld.buf, 2 * PG);
	struct tc_arg *a = sum_arg(rw.a, s, &m);
	struct tc_call k;
	uint32_t a0;

	call_init(&k, tc.c);
	a0 = call_raw(&k, ipa(a) >> 32, ipa(a) & 0xffffffffu, false);
	if (is_rpc(a0))
		a0 = call_finish(&k);
	if (a0 == OPTEE_SMC_RETURN_EBADADDR ||
	    (a0 == 0 && a->ret_origin == TEE_ORIGIN_COMMS &&
	     (a->ret == TEE_ERROR_BAD_PARAMETERS ||
	      a->ret == TEE_ERROR_OUT_OF_MEMORY)))
		return 0;
	atomic_fetch_add(&model_std, 1); /* it reached the secure side */
	if (a0 == 0 && a->ret == 0 &&
	    (a->p[1].a == rw.sd || a->p[1].a == rw.se))
		return 1;
	printf_uart("# race: a0 %u ret 0x%x origin %u sum 0x%llx\n", a0, a->ret,
		    a->ret_origin, (unsigned long long)a->p[1].a);
	return -1;
}

static void race(uint32_t s, bool list_only, const char *what)
{
	unsigned ok = 0, refusals = 0, bad = 0, calls = 0, flips;
	uint64_t end = deadline_ms(RACE_MS);

	atomic_store(&rw_list_only, list_only);
	atomic_store(&rw_stop, false);
	atomic_store(&rw_flips, 0);
	tap_ok(cpu_start(1, JOB_REWRITE) == PSCI_SUCCESS,
	       "vCPU 1 rewrites %s without a pause", what);
	for (; calls < RACE_CALLS && !passed(end) &&
	       (calls < RACE_MIN || ok < RACE_EACH || refusals < RACE_EACH);
	     calls++) {
		int r = race_call(s);

		ok += r > 0;
		refusals += r == 0;
		bad += r < 0;
	}
	flips = atomic_load(&rw_flips);
	atomic_store(&rw_stop, true);
	end = deadline_ms(5000);
	while (atomic_load(&rw_running) && !passed(end))
		;
	rw.ld.lp[0][0] = ipa(rw.d[0]);
	tap_ok(bad == 0 && ok > 0 && refusals > 0,
	       "%u calls, %u rewrites: %u right sums, %u refused by the "
	       "mediator, %u else",
	       calls, flips, ok, refusals, bad);
}

static void racing(uint32_t s)
{
	rw.a = my_arg(3);
	race(s, true, "our list's first entry (ours, secure RAM)");
	race(s, false, "the argument's p0, size and num_params");
}

void hostile_rewrite(void)
{
	uint32_t s = 0;

	for (unsigned i = 0; i < 2; i++) {
		rw.d[i] = pg_alloc();
		rw.e[i] = pg_alloc();
	}
	rw.sd = pages_fill(rw.d, 2, 1);
	rw.se = pages_fill(rw.e, 2, 101);
	list_make(&rw.ld, rw.d, 2, 0);
	list_make(&rw.le, rw.e, 2, 0);
	tap_ok(sess_open(tc.c, uuid_test, &s) == 0, "a session to rewrite in");
	held_rewrite(s);
	racing(s);
	pool_check(s);
	tap_ok(sess_close(tc.c, s) == 0, "closed");
}
