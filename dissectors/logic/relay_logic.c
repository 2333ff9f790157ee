/* relay_logic.c
 * Following a client's allocations at its media relays; see relay_logic.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "relay_logic.h"

#include <stdio.h>
#include <string.h>

#include "frame_order.h"
#include "ns_time.h"

_Static_assert(offsetof(relay_mark_t, frame) == 0, "frame_order_first reads each mark's frame first");

static size_t
addr_len(int af)
{
    return af == 6 ? 16 : 4;
}

/* ---- One message ---- */

static bool
followed_method(turn_method_t m)
{
    switch (m) {
    case TURN_M_ALLOCATE:
    case TURN_M_REFRESH:
    case TURN_M_CREATE_PERMISSION:
    case TURN_M_CHANNEL_BIND:
    case TURN_M_CONNECT:
    case TURN_M_CONNECTION_BIND:
    case TURN_M_SET_ACTIVE_DEST:
        return true;
    default:
        return false;
    }
}

bool
relay_msg_of(const turn_msg_t *m, unsigned transport, relay_msg_t *out)
{
    memset(out, 0, sizeof *out);
    if (!followed_method((turn_method_t)m->method) || (transport != RELAY_UDP && transport != RELAY_TCP))
        return false;
    switch (m->cls) {
    case TURN_CLASS_REQUEST:
        out->kind = RELAY_MSG_REQUEST;
        out->signed_ = turn_msg_signed(m);
        break;
    case TURN_CLASS_SUCCESS:
        out->kind = RELAY_MSG_SUCCESS;
        break;
    case TURN_CLASS_ERROR:
        out->kind = RELAY_MSG_ERROR;
        out->code = m->error_code;
        out->alt = m->alt;
        break;
    default:
        return false;
    }
    out->transport = (uint8_t)transport;
    out->method = m->method;
    memcpy(out->id, m->id, sizeof out->id);
    return true;
}

/* ---- Words ---- */

static const struct {
    const char *name;
    const char *words;
} verdicts[RELAY_V_COUNT] = {
    [RELAY_V_NONE] = { "none", "" },
    [RELAY_V_UDP_UNANSWERED] = {
        "Allocate over UDP unanswered",
        "the client's Allocate requests over UDP got no answer from the relay: UDP 3478 does not reach it "
        "(a firewall on the way, or the relay is down). Clients then try TCP 443, where media suffers; "
        "open UDP 3478-3481 to the relay" },
    [RELAY_V_UDP_BLOCKED] = {
        "UDP to relay blocked, TCP fallback",
        "Allocate over UDP was never answered while the same relay answered over TCP: UDP 3478 to the relay "
        "is blocked on the way, and media falls back to TCP, which loss and delay hurt far more. Open UDP "
        "3478-3481 to the relay, as Microsoft asks for Teams and the Skype for Business Edge" },
    [RELAY_V_REFUSED] = {
        "relay refused credentials",
        "the relay refused the client's credentials after challenging them (a signed request answered by "
        "401 again, or 431): the media relay credentials that MRAS handed out have expired or do not match, "
        "usually because a clock is off (the client's, the Edge's or the MRAS server's) or MRAS and the Edge "
        "disagree on their shared secret; external and federated calls fail" },
    [RELAY_V_ERROR] = {
        "relay error",
        "the relay answered with an error" },
};

const char *
relay_verdict_name(relay_verdict_t v)
{
    return (unsigned)v < RELAY_V_COUNT ? verdicts[v].name : "unknown verdict";
}

const char *
relay_verdict_words(relay_verdict_t v)
{
    return (unsigned)v < RELAY_V_COUNT ? verdicts[v].words : "";
}

const relay_code_name_t relay_code_names[] = {
    { 300, "Try Alternate", "the relay sends the client to another (ALTERNATE-SERVER); normal under load balancing" },
    { 400, "Bad Request",
      "the relay could not read it: rewritten on the way, or client and relay speak other TURN dialects" },
    { 401, "Unauthorized", "credentials missing or not accepted" },
    { 403, "Forbidden",
      "the relay will not do it: a peer address it does not relay to, or a user it does not serve" },
    { 405, "Mobility Forbidden", "the relay does not allow the allocation to move to another address" },
    { 420, "Unknown Attribute",
      "an attribute the client requires is unknown to the relay: MS-TURN against standard TURN, or the reverse" },
    { 431, "Integrity Check Failure",
      "MESSAGE-INTEGRITY did not verify: credentials expired or another relay's, or the message altered on the way" },
    { 437, "Allocation Mismatch",
      "an Allocate for an allocation that exists, or a Refresh of one expired: NAT rebinding, relay restart" },
    { 438, "Stale Nonce", "the nonce expired; the client retries with the new one" },
    { 440, "Address Family not Supported", "the relay does not allocate the address family asked (IPv6)" },
    { 441, "Wrong Credentials",
      "signed with other credentials than those that made the allocation: they changed during the call" },
    { 442, "Unsupported Transport Protocol", "the relay does not relay the transport asked for" },
    { 443, "Peer Address Family Mismatch", "the peer's address family differs from the allocation's" },
    { 446, "Connection Already Exists", "a TCP connection to that peer exists already (RFC 6062)" },
    { 447, "Connection Timeout or Failure", "the relay could not connect to the peer over TCP (RFC 6062)" },
    { 486, "Allocation Quota Reached",
      "the user holds all the allocations the relay allows: clients not releasing them, or a quota too low" },
    { 500, "Server Error", "the relay failed; its own logs say why" },
    { 508, "Insufficient Capacity",
      "no ports or bandwidth left on the relay: it needs capacity, or something holds what it has" },
};

const size_t relay_n_code_names = sizeof relay_code_names / sizeof relay_code_names[0];

static const relay_code_name_t *
code_entry(uint16_t code)
{
    size_t i;

    for (i = 0; i < relay_n_code_names; i++)
        if (relay_code_names[i].code == code)
            return &relay_code_names[i];
    return NULL;
}

const char *
relay_code_name(uint16_t code)
{
    const relay_code_name_t *e = code_entry(code);

    return e ? e->name : NULL;
}

const char *
relay_code_cause(uint16_t code)
{
    const relay_code_name_t *e = code_entry(code);

    return e ? e->cause : "an error no TURN specification names; the relay's logs say why";
}

/* ---- The client's key ---- */

_Static_assert(sizeof(relay_client_key_t) == 17, "relay_client_key_equal compares the whole key");

unsigned int
relay_client_key_hash(const void *k)
{
    const relay_client_key_t *key = k;
    const uint8_t *b = (const uint8_t *)key;
    uint32_t h = 2166136261u;
    size_t i;

    /* FNV-1a over the family and the address's own bytes */
    for (i = 0; i < 1 + addr_len(key->af); i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

int
relay_client_key_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(relay_client_key_t)) == 0;
}

/* ---- A client and its relays ---- */

void
relay_client_init(relay_client_t *c, int af, const uint8_t *addr)
{
    memset(c, 0, sizeof *c);
    c->key.af = (uint8_t)(af == 6 ? 6 : 4);
    memcpy(c->key.addr, addr, addr_len(c->key.af));
}

void
relay_client_release(relay_client_t *c, void (*free_fn)(void *))
{
    free_fn(c->relays);
    free_fn(c->marks);
    c->relays = NULL;
    c->marks = NULL;
    c->n_relays = c->cap_relays = c->n_marks = c->cap_marks = 0;
}

/* Doubles *arr (of elem-sized entries) up to max; false when it is at max
 * or grow fails. */
static bool
grow_array(const relay_env_t *env, void **arr, uint8_t *cap, size_t elem, unsigned max)
{
    unsigned n = *cap ? *cap * 2u : 2;
    void *p;

    if (n > max)
        n = max;
    if (n == *cap || !env->grow || !(p = env->grow(env->ctx, *arr, n * elem)))
        return false;
    *arr = p;
    *cap = (uint8_t)n;
    return true;
}

static int
find_relay(const relay_client_t *c, const uint8_t *addr)
{
    size_t n = addr_len(c->key.af);
    unsigned i;

    for (i = 0; i < c->n_relays; i++)
        if (memcmp(c->relays[i].addr, addr, n) == 0)
            return (int)i;
    return -1;
}

/* The relay's index, a new record when first met; -1 when the client has
 * too many. */
static int
relay_index(relay_client_t *c, const relay_env_t *env, const uint8_t *addr, uint32_t frame)
{
    int i = find_relay(c, addr);
    relay_peer_t *r;

    if (i >= 0)
        return i;
    if (c->n_relays == c->cap_relays &&
        !grow_array(env, (void **)&c->relays, &c->cap_relays, sizeof *c->relays, RELAY_MAX_RELAYS)) {
        c->relays_dropped++;
        return -1;
    }
    r = &c->relays[c->n_relays];
    memset(r, 0, sizeof *r);
    memcpy(r->addr, addr, addr_len(c->key.af));
    r->first_frame = frame;
    return c->n_relays++;
}

static relay_leg_t *
leg_of(relay_peer_t *r, unsigned transport)
{
    return &r->leg[transport == RELAY_TCP];
}

static relay_txn_t *
find_txn(relay_client_t *c, const uint8_t *id)
{
    unsigned i;

    for (i = 0; i < RELAY_MAX_PENDING; i++)
        if (c->txns[i].used && memcmp(c->txns[i].id, id, sizeof c->txns[i].id) == 0)
            return &c->txns[i];
    return NULL;
}

/* A slot for a new transaction, in ring order from the oldest: a free one,
 * else one that is over (both halves seen), else, for a request, the oldest
 * pending one, whose answer will then find no request. An answer whose
 * request is unseen waits for it only where it crowds out nothing: NULL. */
static relay_txn_t *
new_txn(relay_client_t *c, const uint8_t *id, bool may_evict)
{
    unsigned k, pick = RELAY_MAX_PENDING;
    relay_txn_t *x;

    for (k = 0; k < RELAY_MAX_PENDING && pick == RELAY_MAX_PENDING; k++) {
        unsigned i = (c->next_txn + k) % RELAY_MAX_PENDING;
        if (!c->txns[i].used)
            pick = i;
    }
    for (k = 0; k < RELAY_MAX_PENDING && pick == RELAY_MAX_PENDING; k++) {
        unsigned i = (c->next_txn + k) % RELAY_MAX_PENDING;
        if (c->txns[i].request && c->txns[i].response)
            pick = i;
    }
    if (pick == RELAY_MAX_PENDING) {
        if (!may_evict)
            return NULL;
        pick = c->next_txn % RELAY_MAX_PENDING;
        if (c->txns[pick].request && !c->txns[pick].response)
            c->evicted++;
    }
    c->next_txn = (uint8_t)((pick + 1) % RELAY_MAX_PENDING);
    x = &c->txns[pick];
    memset(x, 0, sizeof *x);
    memcpy(x->id, id, sizeof x->id);
    x->used = true;
    return x;
}

/* Raises verdict v on this message: into the step, and remembered for later
 * passes while there is room. */
static void
raise_verdict(relay_client_t *c, const relay_env_t *env, relay_step_t *s, relay_verdict_t v, unsigned ri,
              const relay_msg_t *m, uint16_t code, uint32_t about, uint32_t frame)
{
    relay_mark_t k;

    memset(&k, 0, sizeof k);
    k.frame = frame;
    k.about = about;
    k.code = code;
    k.verdict = (uint8_t)v;
    k.relay = (uint8_t)ri;
    k.method = m->method;
    k.transport = m->transport;
    s->mark = k;
    c->relays[ri].verdicts |= (uint8_t)(1u << v);
    if (c->n_marks == c->cap_marks &&
        !grow_array(env, (void **)&c->marks, &c->cap_marks, sizeof *c->marks, RELAY_MAX_MARKS)) {
        c->marks_dropped++;
        return;
    }
    c->marks[c->n_marks++] = k;
}

/* Does a signed request to relay r answer a challenge: one from r, or from
 * a relay that sent the client to r with it, not yet followed by a success
 * at r? A challenge long done (a nonce that expires during a call, a new
 * allocation signed with cached credentials) is a new challenge, not a
 * refusal. */
static bool
answers_challenge(const relay_client_t *c, const relay_peer_t *r)
{
    size_t n = addr_len(c->key.af);
    unsigned i;

    if (r->challenged > r->succeeded)
        return true;
    for (i = 0; i < c->n_relays; i++) {
        const relay_peer_t *o = &c->relays[i];
        if (o->redirected && o->challenged == o->redirected && o->redirected > r->succeeded &&
            memcmp(o->alt, r->addr, n) == 0)
            return true;
    }
    return false;
}

static void
observe_request(relay_client_t *c, const relay_env_t *env, unsigned ri, const relay_msg_t *m, uint32_t frame,
                int64_t t_ns, relay_step_t *s)
{
    relay_peer_t *r = &c->relays[ri];
    relay_leg_t *l = leg_of(r, m->transport);
    relay_txn_t *x = find_txn(c, m->id);
    uint32_t attempts = env->min_attempts ? env->min_attempts : 1;

    r->tried |= m->transport;
    if (x && x->request) {
        s->retransmit = true;
    } else if (x) {
        /* Its answer came first (a capture merged from two points): the
         * relay asked answered, whichever address the answer came from. */
        x->request = frame;
        x->request_t_ns = t_ns;
        x->signed_ = m->signed_;
        s->peer = x->response;
        if (x->relay != ri) {
            l->answers++;
            if (!l->first_answer)
                l->first_answer = x->response;
            if (x->response_kind == RELAY_MSG_SUCCESS && x->response > r->succeeded)
                r->succeeded = x->response;
            if (x->response_kind == RELAY_MSG_SUCCESS && m->method == TURN_M_ALLOCATE && !r->allocated)
                r->allocated = x->response;
            x->relay = (uint8_t)ri;
        }
    } else {
        x = new_txn(c, m->id, true);
        x->request = frame;
        x->request_t_ns = t_ns;
        x->relay = (uint8_t)ri;
        x->method = m->method;
        x->transport = m->transport;
        x->signed_ = m->signed_;
        x->after_challenge = answers_challenge(c, r);
    }
    if (m->method != TURN_M_ALLOCATE)
        return;
    l->requests++;
    if (!l->first_frame) {
        l->first_frame = frame;
        l->first_t_ns = t_ns;
    }
    if (m->transport == RELAY_UDP && !l->answers && !r->unanswered && l->requests >= attempts &&
        ucd_ns_at_least(t_ns, l->first_t_ns, env->min_span_ns)) {
        r->unanswered = frame;
        if (r->leg[1].answers) {
            r->blocked = frame;
            raise_verdict(c, env, s, RELAY_V_UDP_BLOCKED, ri, m, 0, l->first_frame, frame);
        } else {
            raise_verdict(c, env, s, RELAY_V_UDP_UNANSWERED, ri, m, 0, l->first_frame, frame);
        }
    }
}

/* A 401 or 438 asking for credentials, or a 300: the normal dance. Where
 * it names an ALTERNATE-SERVER, the client goes there next. */
static void
challenge_or_redirect(relay_client_t *c, unsigned ri, const relay_msg_t *m, uint32_t frame, relay_step_t *s)
{
    relay_peer_t *r = &c->relays[ri];

    if (m->code != 300) {
        r->challenged = frame;
        s->challenge = true;
    }
    if (m->alt.af == c->key.af && memcmp(m->alt.addr, r->addr, addr_len(c->key.af)) != 0) {
        r->redirected = frame;
        memcpy(r->alt, m->alt.addr, sizeof r->alt);
    } else if (m->code == 300) {
        /* sent elsewhere, to an address not read (cut, or of the other family) */
        r->redirected = frame;
        memset(r->alt, 0, sizeof r->alt);
    }
}

static bool
code_judged(relay_peer_t *r, uint16_t code)
{
    unsigned i;

    for (i = 0; i < r->n_codes; i++)
        if (r->codes[i] == code)
            return true;
    if (r->n_codes == RELAY_MAX_CODES)
        return true; /* no room to remember it: saying it on every answer would flood */
    r->codes[r->n_codes++] = code;
    return false;
}

/* request: the transaction's request, NULL when not seen. */
static void
judge_error(relay_client_t *c, const relay_env_t *env, unsigned ri, const relay_txn_t *request,
            const relay_msg_t *m, uint32_t frame, relay_step_t *s)
{
    relay_peer_t *r = &c->relays[ri];
    uint32_t about = request ? request->request : 0;
    /* A fresh challenge to a signed request is normal too: a client may
     * sign its first Allocate with credentials cached from an earlier one.
     * Only after a challenge was answered does a 401 refuse. */
    bool answered_challenge = request && request->signed_ && request->after_challenge;

    if (m->code == 300 || m->code == 438 || (m->code == 401 && !answered_challenge)) {
        challenge_or_redirect(c, ri, m, frame, s);
        return;
    }
    if (!m->code) {
        r->unreadable = frame;
        return;
    }
    r->last_code = m->code;
    if (m->code == 401 || m->code == 431) {
        if (!r->refused) {
            r->refused = frame;
            r->refused_code = m->code;
            raise_verdict(c, env, s, RELAY_V_REFUSED, ri, m, m->code, about, frame);
        }
        return;
    }
    if (!code_judged(r, m->code))
        raise_verdict(c, env, s, RELAY_V_ERROR, ri, m, m->code, about, frame);
}

static bool
observe_response(relay_client_t *c, const relay_env_t *env, const uint8_t *from, const relay_msg_t *m,
                 uint32_t frame, int64_t t_ns, relay_step_t *s)
{
    relay_txn_t *x = find_txn(c, m->id);
    relay_peer_t *r;
    relay_leg_t *l;
    int ri;

    if (x) {
        ri = x->relay;
        if (x->response)
            s->duplicate = true;
        else
            x->response = frame;
        if (x->request) {
            int64_t d = ucd_ns_since(t_ns, x->request_t_ns);
            s->peer = x->request;
            /* an answer stamped before its question: the clock jumped */
            s->response_ns = d >= 0 ? d : UCD_NS_NONE;
        }
    } else {
        if ((ri = relay_index(c, env, from, frame)) < 0)
            return false;
        c->orphans++;
        if ((x = new_txn(c, m->id, false)) != NULL) {
            x->response = frame;
            x->relay = (uint8_t)ri;
            x->method = m->method;
            x->transport = m->transport;
            x->response_kind = m->kind;
        }
    }
    r = &c->relays[ri];
    r->last_frame = frame;
    if (s->duplicate)
        return true;
    l = leg_of(r, m->transport);
    l->answers++;
    if (!l->first_answer)
        l->first_answer = frame;
    if (m->kind == RELAY_MSG_ERROR) {
        judge_error(c, env, (unsigned)ri, x && x->request ? x : NULL, m, frame, s);
    } else {
        r->succeeded = frame;
        if (m->method == TURN_M_ALLOCATE && !r->allocated)
            r->allocated = frame;
    }
    /* Any answer over TCP shows the relay reached that way, an error too.
     * Raised last, so that the step carries it when the answer also raised
     * an error: the blocked port is the larger matter. */
    if (m->transport == RELAY_TCP && r->unanswered && !r->blocked) {
        r->blocked = frame;
        raise_verdict(c, env, s, RELAY_V_UDP_BLOCKED, (unsigned)ri, m, 0, r->leg[0].first_frame, frame);
    }
    return true;
}

bool
relay_observe(relay_client_t *c, const relay_env_t *env, const uint8_t *relay, const relay_msg_t *msg,
              uint32_t frame, int64_t t_ns, relay_step_t *out)
{
    int ri;

    memset(out, 0, sizeof *out);
    out->response_ns = UCD_NS_NONE;
    if (msg->transport != RELAY_UDP && msg->transport != RELAY_TCP)
        return false;
    switch (msg->kind) {
    case RELAY_MSG_REQUEST:
        if ((ri = relay_index(c, env, relay, frame)) < 0)
            return false;
        c->relays[ri].last_frame = frame;
        observe_request(c, env, (unsigned)ri, msg, frame, t_ns, out);
        return true;
    case RELAY_MSG_SUCCESS:
    case RELAY_MSG_ERROR:
        return observe_response(c, env, relay, msg, frame, t_ns, out);
    default:
        return false;
    }
}

unsigned
relay_marks_at(const relay_client_t *c, uint32_t frame, const relay_mark_t **first)
{
    /* Marks are made on the first pass, in frame order. */
    unsigned lo = frame_order_first(c->marks, c->n_marks, sizeof *c->marks, frame), n = 0;

    while (lo + n < c->n_marks && c->marks[lo + n].frame == frame)
        n++;
    *first = n ? &c->marks[lo] : NULL;
    return n;
}

/* ---- The table's rows ---- */

static relay_outcome_t
outcome_of(const relay_peer_t *r, uint16_t *code)
{
    *code = 0;
    if (r->allocated)
        return RELAY_OUT_ALLOCATED;
    if (r->refused) {
        *code = r->refused_code;
        return RELAY_OUT_REFUSED;
    }
    if (r->last_code) {
        *code = r->last_code;
        return RELAY_OUT_ERROR;
    }
    if (r->unreadable)
        return RELAY_OUT_ERROR;
    if (r->redirected)
        return RELAY_OUT_REDIRECTED;
    if (r->challenged)
        return RELAY_OUT_CHALLENGED;
    if (r->succeeded)
        return RELAY_OUT_IN_USE;
    return r->tried ? RELAY_OUT_UNANSWERED : RELAY_OUT_NONE;
}

bool
relay_row(const relay_client_t *c, unsigned i, relay_row_t *out)
{
    const relay_peer_t *r;

    memset(out, 0, sizeof *out);
    if (i >= c->n_relays)
        return false;
    r = &c->relays[i];
    out->client = c->key;
    memcpy(out->relay, r->addr, sizeof out->relay);
    out->tried = r->tried;
    out->answered = (uint8_t)((r->leg[0].answers ? RELAY_UDP : 0) | (r->leg[1].answers ? RELAY_TCP : 0));
    out->outcome = (uint8_t)outcome_of(r, &out->code);
    out->requests[0] = r->leg[0].requests;
    out->requests[1] = r->leg[1].requests;
    out->first_frame = r->first_frame;
    out->last_frame = r->last_frame;
    if (r->unanswered && r->leg[0].first_answer > r->unanswered)
        out->late_answer = r->leg[0].first_answer;
    out->verdicts = r->verdicts;
    return true;
}

const char *
relay_outcome_name(relay_outcome_t o)
{
    static const char *const names[RELAY_OUT_COUNT] = {
        [RELAY_OUT_NONE] = "responses only",
        [RELAY_OUT_ALLOCATED] = "allocated",
        [RELAY_OUT_IN_USE] = "in use (allocated before the capture)",
        [RELAY_OUT_CHALLENGED] = "challenged only",
        [RELAY_OUT_REDIRECTED] = "redirected",
        [RELAY_OUT_REFUSED] = "refused",
        [RELAY_OUT_ERROR] = "error",
        [RELAY_OUT_UNANSWERED] = "unanswered",
    };

    return (unsigned)o < RELAY_OUT_COUNT ? names[o] : "unknown";
}

size_t
relay_outcome_text(const relay_row_t *r, char *out, size_t outsz)
{
    const char *name = relay_code_name(r->code);
    int n;

    if (outsz == 0)
        return 0;
    if (r->outcome == RELAY_OUT_ERROR && !r->code)
        n = snprintf(out, outsz, "error (code unreadable)");
    else if (r->outcome == RELAY_OUT_REFUSED || r->outcome == RELAY_OUT_ERROR)
        n = snprintf(out, outsz, "%s %u%s%s%s", relay_outcome_name((relay_outcome_t)r->outcome), r->code,
                     name ? " (" : "", name ? name : "", name ? ")" : "");
    else
        n = snprintf(out, outsz, "%s", relay_outcome_name((relay_outcome_t)r->outcome));
    if (n < 0)
        n = 0;
    return (size_t)n < outsz ? (size_t)n : outsz - 1;
}

const char *
relay_transports_name(unsigned bits)
{
    switch (bits & (RELAY_UDP | RELAY_TCP)) {
    case RELAY_UDP:             return "UDP";
    case RELAY_TCP:             return "TCP";
    case RELAY_UDP | RELAY_TCP: return "UDP, TCP";
    default:                    return "none";
    }
}
