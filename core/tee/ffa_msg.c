// SPDX-License-Identifier: MIT
/*
 * Direct messages from a guest to a secure partition, and the framework
 * messages the hypervisor itself sends when a domain starts and stops
 * (VM availability, for the SPs whose properties ask for them).
 */
#include <string.h>

#include "arbiter/fmt.h"
#include "arbiter/smccc.h"
#include "ffa_priv.h"

static bool ffa_is_resp(uint32_t fid)
{
	return fid == FFA_MSG_SEND_DIRECT_RESP_32 ||
	       fid == FFA_MSG_SEND_DIRECT_RESP_64;
}

/* The SPMC's answer, as the guest sees it: x0-x7 (32-bit results masked),
 * or an error when it is not a response from `sp` to the caller. */
static void ffa_direct_result(struct ffa_dom *fd, struct call_frame *f,
			      const struct smccc_regs *r, uint16_t sp)
{
	uint32_t x0 = (uint32_t)r->x[0];
	uint32_t w1 = (uint32_t)r->x[1];
	uint64_t mask = (x0 & SMCCC_64_BIT) ? ~0ull : 0xffffffffull;

	if (x0 == FFA_ERROR) {
		ffa_error(f, (int32_t)(uint32_t)r->x[2]);
		return;
	}
	/* A response must come from the receiver to the caller; INTERRUPT
	 * and YIELD (an SP preempted) go to the guest as they came. */
	if ((ffa_is_resp(x0) && w1 != ((uint32_t)sp << 16 | fd->id)) ||
	    (!ffa_is_resp(x0) && x0 != FFA_INTERRUPT && x0 != FFA_YIELD)) {
		ffa_error(f, FFA_RET_ABORTED);
		return;
	}
	for (unsigned i = 0; i < 8; i++)
		f->x[i] = r->x[i] & mask;
}

enum call_outcome ffa_direct_req(struct ffa_dom *fd, struct call_frame *f)
{
	uint32_t w1 = (uint32_t)call_arg(f, 1);
	uint16_t sp = (uint16_t)w1;
	const struct ffa_sp *target = ffa_sp_find(sp);
	struct smccc_regs r;

	/* The sender is the caller, never forged; the receiver an SP that
	 * takes direct requests; w2 = 0 (framework messages are ours). */
	if ((w1 >> 16) != fd->id || !target ||
	    !(target->props & FFA_PROP_DIRECT_RECV) || call_arg(f, 2) != 0) {
		ffa_error(f, FFA_RET_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	memset(&r, 0, sizeof(r));
	r.x[0] = f->fid;
	r.x[1] = w1;
	for (unsigned i = 3; i < 8; i++)
		r.x[i] = call_arg(f, i);
	plat_firmware_call(&r);
	ffa_direct_result(fd, f, &r, sp);
	return CALL_DONE;
}

/* One framework message to one SP; true when it answered success. */
static bool ffa_vm_msg(uint16_t sp, uint16_t vm, uint32_t type)
{
	struct smccc_regs r;

	for (unsigned n = 0; n < FFA_VM_MSG_ATTEMPTS; n++) {
		/* w3/w4 (a VM handle) are 0: we have none; w5 = the VM. */
		memset(&r, 0, sizeof(r));
		r.x[0] = FFA_MSG_SEND_DIRECT_REQ_32;
		r.x[1] = (uint32_t)FFA_ID_HYP << 16 | sp;
		r.x[2] = FFA_MSG_FLAG_FRAMEWORK | type;
		r.x[5] = vm;
		plat_firmware_call(&r);
		if ((uint32_t)r.x[0] == FFA_ERROR &&
		    ((int32_t)(uint32_t)r.x[2] == FFA_RET_RETRY ||
		     (int32_t)(uint32_t)r.x[2] == FFA_RET_INTERRUPTED))
			continue;
		if ((uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 &&
		    (uint32_t)r.x[2] == (FFA_MSG_FLAG_FRAMEWORK | (type + 1)) &&
		    (int32_t)(uint32_t)r.x[3] == FFA_RET_RETRY)
			continue;
		return (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 &&
		       (uint32_t)r.x[1] == ((uint32_t)sp << 16 | FFA_ID_HYP) &&
		       (uint32_t)r.x[2] ==
			       (FFA_MSG_FLAG_FRAMEWORK | (type + 1)) &&
		       (uint32_t)r.x[3] == 0;
	}
	return false;
}

bool ffa_vm_msgs(struct ffa_dom *fd, bool created)
{
	uint32_t want = created ? FFA_PROP_VM_CREATED : FFA_PROP_VM_DESTROYED;
	uint32_t type =
		created ? FFA_FRAMEWORK_VM_CREATED : FFA_FRAMEWORK_VM_DESTROYED;
	bool ok = true;

	for (uint32_t i = 0; i < ffa_info.nsps; i++) {
		const struct ffa_sp *sp = &ffa_info.sps[i];

		if (!(sp->props & want) || ffa_vm_msg(sp->id, fd->id, type))
			continue;
		log_printf("ffa: SP 0x%x refused VM %s of endpoint 0x%x",
			   sp->id, created ? "creation" : "destruction",
			   fd->id);
		ok = false;
	}
	return ok;
}
