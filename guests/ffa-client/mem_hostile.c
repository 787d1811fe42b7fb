// SPDX-License-Identifier: MIT
/*
 * MEM_SHARE with every part of the descriptor wrong in turn: a sender
 * other than this domain, memory outside its RAM, overlapping ranges,
 * receivers that are no partition, huge counts, bad attributes, flags,
 * permissions, offsets and lengths. Each must be refused with the FF-A
 * error the mediator documents, and none may reach the SPMC.
 */
#include "ffa.h"

#define PAGE 0x1000ull

struct poke {
	uint32_t off;
	unsigned width; /* bytes */
	uint64_t v;
	int32_t want;
	const char *what;
};

static void poke(const struct poke *p)
{
	volatile uint8_t *b = (volatile uint8_t *)(uintptr_t)ram(TX_OFF);

	if (p->width == 1)
		b[p->off] = (uint8_t)p->v;
	else if (p->width == 2)
		tx16(p->off, (uint16_t)p->v);
	else if (p->width == 4)
		tx32(p->off, (uint32_t)p->v);
	else
		tx64(p->off, p->v);
}

/* MEM_SHARE_32 and _64 of the TX buffer, each over another conduit. */
static bool refused(uint32_t len, int32_t want, const char *what)
{
	bool ok = true;

	for (unsigned i = 0; i < 2; i++) {
		uint64_t h = 0;
		struct smccc_res r =
			share(cd(i), i ? FFA_MEM_SHARE_64 : FFA_MEM_SHARE_32,
			      len, &h);

		ok = ok && is_err(&r, want);
	}
	if (!ok)
		printf_uart("# MEM_SHARE not refused as it should be: %s\n",
			    what);
	return ok;
}

/* The usual descriptor (96 bytes: header, one EMAD at 48, the composite
 * at 64, one range at 80) with one field changed. */
static void test_pokes(uint64_t page)
{
	const int32_t inval = FFA_RET_INVALID_PARAMETERS;
	uint64_t end = guest_ram_base + guest_ram_size;
	const struct poke pokes[] = {
		{0, 2, peer_id, inval, "sender: another VM"},
		{0, 2, 0, inval, "sender: the hypervisor"},
		{0, 2, SP1, inval, "sender: a partition"},
		{2, 2, 0x10, inval, "device memory"},
		{2, 2, FFA_MEM_ATTR_NORMAL_WB_IS | FFA_MEM_ATTR_NS, inval,
		 "NS bit"},
		{2, 2, 0, inval, "no attributes"},
		{4, 4, 1, inval, "zero memory flag"},
		{4, 4, 2u << 3, inval, "lend type"},
		{4, 4, 1u << 9, inval, "alignment hint"},
		{8, 8, SPMC_HANDLE_BASE + 1, inval, "a handle"},
		{24, 4, 32, inval, "EMAD size 32"},
		{28, 4, 0, inval, "no receiver"},
		{28, 4, 0xffffffffu, inval, "2^32 - 1 receivers"},
		{32, 4, 0, inval, "EMADs over the header"},
		{32, 4, 49, inval, "EMADs unaligned"},
		{32, 4, 4096, inval, "EMADs past the end"},
		{40, 4, 1, inval, "reserved header bytes"},
		{48, 2, peer_id, inval, "receiver: another VM"},
		{48, 2, my_id, inval, "receiver: itself"},
		{48, 2, 0, inval, "receiver: the hypervisor"},
		{48, 2, 0x8003, inval, "receiver: no such partition"},
		{50, 1, 0, inval, "no permission"},
		{50, 1, FFA_PERM_RW | 0x8, inval, "executable"},
		{50, 1, 3, inval, "reserved permission"},
		{51, 1, 1, inval, "EMAD flags"},
		{52, 4, 96, inval, "composite past the end"},
		{52, 4, 16, inval, "composite over the header"},
		{52, 4, 66, inval, "composite unaligned"},
		{64, 4, 2, inval, "total pages wrong"},
		{68, 4, 0, inval, "no range"},
		{68, 4, 2, inval, "a range past the end"},
		{68, 4, 0xffffffffu, inval, "2^32 - 1 ranges"},
		{80, 8, 0x80000000ull, inval, "range above RAM"},
		{80, 8, guest_ram_base - PAGE, inval, "range below RAM"},
		{80, 8, 0x09000000ull, inval, "range on the UART"},
		{80, 8, end, inval, "range just past RAM"},
		{80, 8, page + 0x10, inval, "range unaligned"},
		{88, 4, 0, inval, "range of 0 pages"},
	};
	unsigned wrong = 0;

	for (unsigned i = 0; i < sizeof(pokes) / sizeof(pokes[0]); i++) {
		uint32_t len = desc_one(SP1, page, 1);

		poke(&pokes[i]);
		wrong += !refused(len, pokes[i].want, pokes[i].what);
	}
	tap_ok(wrong == 0,
	       "MEM_SHARE: %u descriptors with one field wrong, all refused "
	       "(%u wrong)",
	       (unsigned)(sizeof(pokes) / sizeof(pokes[0])), wrong);
}

static void test_lengths(uint64_t page)
{
	uint32_t len = desc_one(SP1, page, 1);
	unsigned wrong = 0;
	struct smccc_res r;

	wrong += !refused(16, FFA_RET_INVALID_PARAMETERS, "16 bytes");
	wrong += !refused(8192, FFA_RET_INVALID_PARAMETERS, "past the TX");
	r = fcall(cd(0), FFA_MEM_SHARE_32, len, len - 16, 0, 0, 0, 0, 0);
	wrong += !is_err(&r, FFA_RET_INVALID_PARAMETERS);
	r = fcall(cd(1), FFA_MEM_SHARE_64, len, len, ram(TX_OFF), 1, 0, 0, 0);
	wrong += !is_err(&r, FFA_RET_INVALID_PARAMETERS);
	r = fcall(cd(0), FFA_MEM_SHARE_32, len, len, 0, 1, 0, 0, 0);
	wrong += !is_err(&r, FFA_RET_INVALID_PARAMETERS);
	tap_ok(wrong == 0,
	       "MEM_SHARE: too short, longer than TX, fragmented, in another "
	       "buffer: INVALID_PARAMETERS (%u wrong)",
	       wrong);
}

static bool refused_desc(const struct share_desc *d, int32_t want,
			 const char *what)
{
	return refused(desc_write(d), want, what);
}

static void test_shapes(uint64_t page)
{
	uint64_t end = guest_ram_base + guest_ram_size;
	struct share_desc d = {.nrecv = 1,
			       .recv = {SP1},
			       .perms = {FFA_PERM_RW},
			       .nranges = 2,
			       .addr = {page, page},
			       .pages = {1, 1}};
	unsigned wrong = 0;
	uint32_t len;

	wrong += !refused_desc(&d, FFA_RET_INVALID_PARAMETERS, "same page");
	d.addr[1] = page + PAGE;
	d.pages[0] = 2;
	wrong += !refused_desc(&d, FFA_RET_INVALID_PARAMETERS, "overlap");
	d.nranges = 1;
	d.addr[0] = end - PAGE;
	wrong += !refused_desc(&d, FFA_RET_INVALID_PARAMETERS, "across end");
	d.addr[0] = 0xfffffffffffff000ull;
	wrong += !refused_desc(&d, FFA_RET_INVALID_PARAMETERS, "wrapping");
	d.addr[0] = page;
	d.pages[0] = 1;
	d.nrecv = 2;
	d.recv[1] = SP1;
	d.perms[1] = FFA_PERM_RO;
	wrong += !refused_desc(&d, FFA_RET_INVALID_PARAMETERS, "0x8001 twice");
	d.recv[1] = SP2;
	len = desc_write(&d);
	/* The second EMAD names another composite than the first. */
	tx32(FFA_MTD_SIZE + FFA_EMAD_SIZE + FFA_EMAD_OFF_COMPOSITE, len);
	wrong += !refused(len, FFA_RET_INVALID_PARAMETERS, "two composites");
	tap_ok(wrong == 0,
	       "MEM_SHARE: overlapping ranges, ranges across the end of RAM "
	       "or wrapping, a receiver twice, two composites: "
	       "INVALID_PARAMETERS (%u wrong)",
	       wrong);
}

/* Within the format, beyond the mediator's limits: NO_MEMORY. */
static void test_limits(uint64_t page)
{
	static struct share_desc d;
	unsigned wrong = 0;

	d = (struct share_desc){.nrecv = 5,
				.recv = {SP1, SP2, 0x8003, 0x8004, 0x8005},
				.nranges = 1,
				.addr = {page},
				.pages = {1}};
	for (unsigned i = 0; i < 5; i++)
		d.perms[i] = FFA_PERM_RW;
	wrong += !refused_desc(&d, FFA_RET_NO_MEMORY, "5 receivers");
	d.nrecv = 1;
	d.nranges = 65;
	for (unsigned i = 0; i < 65; i++) {
		d.addr[i] = page + 2 * PAGE * i;
		d.pages[i] = 1;
	}
	wrong += !refused_desc(&d, FFA_RET_NO_MEMORY, "65 ranges");
	d.nranges = 1;
	d.pages[0] = 257;
	wrong += !refused_desc(&d, FFA_RET_NO_MEMORY, "257 pages");
	tap_ok(wrong == 0,
	       "MEM_SHARE: 5 receivers, 65 ranges, 257 pages: NO_MEMORY (%u "
	       "wrong)",
	       wrong);
}

void test_mem_hostile(void)
{
	uint64_t page = ram(DATA_OFF + 0x20000);
	struct smccc_res r;

	test_pokes(page);
	test_lengths(page);
	test_shapes(page);
	test_limits(page);
	r = sp_call(cd(0), false, SP1, SP_CMD_MEM_COUNT, 0, 0, 0, 0);
	tap_ok(sp_answered(&r, false, SP1) && r.x[4] == 1,
	       "after all that the SPMC still holds 1 share of ours");
}
