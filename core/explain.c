// SPDX-License-Identifier: MIT
#include "arbiter/explain.h"
#include "arbiter/fmt.h"
#include "arbiter/route.h"
#include "arbiter/services.h"
#include "arbiter/tee.h"

const char *explain_rule(const struct domain *d, const struct verdict *v)
{
	if (v->rule == POLICY_NO_RULE || !d->cfg || v->rule >= d->cfg->nrules)
		return "default";
	return d->cfg->rules[v->rule].name;
}

static int explain_action(const struct domain *d, unsigned action,
			  const struct verdict *v, char *buf, size_t size)
{
	switch (action) {
	case ACTION_EMULATE:
		if (!v->fn)
			return fmt_snprintf(buf, size,
					    "emulate (no such function: -1)");
		return fmt_snprintf(buf, size, "emulate %s",
				    service_table[v->fn->service].name);
	case ACTION_FORWARD:
		return fmt_snprintf(buf, size, "forward client-id=%u",
				    d->client_id);
	case ACTION_TEE:
		return fmt_snprintf(buf, size, "tee %s client-id=%u",
				    tee_kind_name(v->tee), d->client_id);
	default:
		return fmt_snprintf(buf, size, "deny%s",
				    v->audit ? " audit" : "");
	}
}

void explain_verdict(const struct domain *d, const struct verdict *v, char *buf,
		     size_t size)
{
	int n;

	if (v->action != ACTION_MONITOR) {
		explain_action(d, v->action, v, buf, size);
		return;
	}
	n = fmt_snprintf(buf, size, "monitor agent=%s, handed back: ",
			 d->cfg && d->cfg->monitor.agent ? d->cfg->monitor.agent
							 : "?");
	if (n >= 0 && (size_t)n < size)
		explain_action(d, v->fallback, v, buf + n, size - (size_t)n);
}

void explain_call(const struct domain *d, unsigned conduit, unsigned state,
		  uint64_t x0, char *buf, size_t size)
{
	uint32_t fid;

	switch (call_decode(x0, state, 0, &fid)) {
	case DECODE_OK:
		explain_verdict(d, route_lookup(d, conduit, fid), buf, size);
		return;
	case DECODE_RESERVED:
		fmt_snprintf(buf, size, "unknown (reserved bits set: -1)");
		return;
	default:
		fmt_snprintf(buf, size, "unknown (SMC64 ID from AArch32: -1)");
		return;
	}
}
