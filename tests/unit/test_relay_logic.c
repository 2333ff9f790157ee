/* test_relay_logic.c
 * Unit tests of the media relay logic (dissectors/logic/relay_logic.c):
 * the allocations that go well (a challenge, a stale nonce, Teams' answer
 * from another address), every verdict, the order a capture may show
 * (answers before their requests, retransmissions, copies, several messages
 * in one frame), the limits, and the table's rows.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ns_time.h"
#include "relay_logic.h"
#include "turn_packets.h"
#include "check.h"

static void *
grow(void *ctx, void *old, size_t size)
{
    (void)ctx;
    return realloc(old, size);
}

static void *
grow_never(void *ctx, void *old, size_t size)
{
    (void)ctx;
    (void)old;
    (void)size;
    return NULL;
}

static const relay_env_t env = { grow, NULL, RELAY_UNANSWERED_ATTEMPTS, RELAY_UNANSWERED_SPAN_NS };

static const uint8_t client_addr[4] = { 192, 168, 1, 6 };
/* Teams transport relays as one capture shows them */
static const uint8_t r1[4] = { 52, 114, 250, 123 };
static const uint8_t r2[4] = { 52, 114, 250, 141 };

#define MS(x) ((int64_t)(x) * 1000000LL)

/* One message of transaction `id` (its 16 bytes all id); t in ms. */
static relay_step_t
msg(relay_client_t *c, const uint8_t *relay, relay_msg_kind_t kind, unsigned transport, turn_method_t method,
    bool signed_, uint16_t code, uint8_t id, uint32_t frame, int64_t t_ms, bool *followed)
{
    relay_msg_t m;
    relay_step_t s;
    bool ok;

    memset(&m, 0, sizeof m);
    m.kind = (uint8_t)kind;
    m.transport = (uint8_t)transport;
    m.method = (uint8_t)method;
    m.signed_ = signed_;
    m.code = code;
    memset(m.id, id, sizeof m.id);
    ok = relay_observe(c, &env, relay, &m, frame, MS(t_ms), &s);
    if (followed)
        *followed = ok;
    return s;
}

/* The common shapes: an Allocate request, its success, its error. */
static relay_step_t
req(relay_client_t *c, const uint8_t *relay, unsigned tr, bool signed_, uint8_t id, uint32_t frame, int64_t t_ms)
{
    return msg(c, relay, RELAY_MSG_REQUEST, tr, TURN_M_ALLOCATE, signed_, 0, id, frame, t_ms, NULL);
}

static relay_step_t
ok(relay_client_t *c, const uint8_t *relay, unsigned tr, uint8_t id, uint32_t frame, int64_t t_ms)
{
    return msg(c, relay, RELAY_MSG_SUCCESS, tr, TURN_M_ALLOCATE, false, 0, id, frame, t_ms, NULL);
}

static relay_step_t
err(relay_client_t *c, const uint8_t *relay, unsigned tr, uint16_t code, uint8_t id, uint32_t frame, int64_t t_ms)
{
    return msg(c, relay, RELAY_MSG_ERROR, tr, TURN_M_ALLOCATE, false, code, id, frame, t_ms, NULL);
}

static void
new_client(relay_client_t *c)
{
    relay_client_init(c, 4, client_addr);
}

static relay_row_t
row(const relay_client_t *c, unsigned i)
{
    relay_row_t r;

    CHECK(relay_row(c, i, &r));
    return r;
}

/* Does the row's outcome read as want? */
static bool
reads(const relay_row_t *r, const char *want)
{
    char text[64];

    relay_outcome_text(r, text, sizeof text);
    return strcmp(text, want) == 0;
}

/* ---- The messages the logic takes ---- */

static void
test_msg_of(void)
{
    tmsg_t t;
    turn_msg_t m;
    relay_msg_t rm;

    tmsg_rfc_allocate(&t, 0x11, 1);
    CHECK(turn_read(t.p, t.n, t.n, &m) && relay_msg_of(&m, RELAY_UDP, &rm));
    CHECK(rm.kind == RELAY_MSG_REQUEST && rm.signed_ && rm.method == TURN_M_ALLOCATE && rm.transport == RELAY_UDP);
    CHECK(memcmp(rm.id, m.id, 16) == 0);
    CHECK(!relay_msg_of(&m, 0, &rm) && !relay_msg_of(&m, 3, &rm));

    tmsg_ms_begin(&t, 0x0113, 1, 0x12);
    tmsg_error(&t, 401, "Unauthorized");
    tmsg_addr4(&t, 0x000e, 3478, 0x3472fa8d);
    CHECK(turn_read(t.p, t.n, t.n, &m) && relay_msg_of(&m, RELAY_TCP, &rm));
    CHECK(rm.kind == RELAY_MSG_ERROR && rm.code == 401 && rm.alt.af == 4 && rm.alt.addr[3] == 141);

    tmsg_rfc_allocate_ok(&t, 0x13);
    CHECK(turn_read(t.p, t.n, t.n, &m) && relay_msg_of(&m, RELAY_UDP, &rm) && rm.kind == RELAY_MSG_SUCCESS);

    /* what says nothing about the allocation is not taken */
    tmsg_begin(&t, 0x0001, 1, 0x14, 1); /* Binding */
    CHECK(turn_read(t.p, t.n, t.n, &m) && !relay_msg_of(&m, RELAY_UDP, &rm) && rm.kind == RELAY_MSG_NONE);
    tmsg_begin(&t, 0x0016, 1, 0x15, 1); /* Send indication */
    CHECK(turn_read(t.p, t.n, t.n, &m) && !relay_msg_of(&m, RELAY_UDP, &rm));
    tmsg_ms_begin(&t, 0x0004, 1, 0x16); /* MS-TURN Send request: media, no answer expected */
    CHECK(turn_read(t.p, t.n, t.n, &m) && !relay_msg_of(&m, RELAY_UDP, &rm));
    tmsg_begin(&t, 0x0018, 1, 0x17, 1); /* a CreatePermission indication: no such thing */
    CHECK(turn_read(t.p, t.n, t.n, &m) && !relay_msg_of(&m, RELAY_UDP, &rm));
    tmsg_begin(&t, 0x0008, 1, 0x18, 1); /* CreatePermission request */
    CHECK(turn_read(t.p, t.n, t.n, &m) && relay_msg_of(&m, RELAY_UDP, &rm) && rm.method == TURN_M_CREATE_PERMISSION);
}

/* ---- Allocations that go well: nothing to say ---- */

/* RFC 5766 6.1: unsigned, 401 with realm and nonce, signed, success. */
static void
test_challenge_then_success(void)
{
    relay_client_t c;
    relay_step_t s;
    relay_row_t r;
    const relay_mark_t *k;

    new_client(&c);
    s = req(&c, r1, RELAY_UDP, false, 1, 10, 0);
    CHECK(s.mark.verdict == RELAY_V_NONE && !s.retransmit && s.peer == 0);
    s = err(&c, r1, RELAY_UDP, 401, 1, 11, 40);
    CHECK(s.challenge && s.mark.verdict == RELAY_V_NONE && s.peer == 10 && s.response_ns == MS(40));
    s = req(&c, r1, RELAY_UDP, true, 2, 12, 45);
    s = ok(&c, r1, RELAY_UDP, 2, 13, 90);
    CHECK(!s.challenge && s.mark.verdict == RELAY_V_NONE && s.peer == 12 && s.response_ns == MS(45));
    CHECK(c.n_marks == 0 && relay_marks_at(&c, 11, &k) == 0 && k == NULL);
    r = row(&c, 0);
    CHECK(r.outcome == RELAY_OUT_ALLOCATED && r.tried == RELAY_UDP && r.answered == RELAY_UDP);
    CHECK(r.first_frame == 10 && r.last_frame == 13 && r.requests[0] == 2 && r.requests[1] == 0);
    CHECK(r.verdicts == 0 && r.late_answer == 0 && memcmp(r.relay, r1, 4) == 0);
    CHECK(r.client.af == 4 && memcmp(r.client.addr, client_addr, 4) == 0);
    CHECK(!relay_row(&c, 1, &r));
    relay_client_release(&c, free);
}

/* A nonce that goes stale during the allocation (RFC 5766 7): the Refresh
 * gets 438, the client signs again with the new nonce. */
static void
test_stale_nonce(void)
{
    relay_client_t c;
    relay_step_t s;

    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 0);
    err(&c, r1, RELAY_UDP, 401, 1, 2, 10);
    req(&c, r1, RELAY_UDP, true, 2, 3, 20);
    ok(&c, r1, RELAY_UDP, 2, 4, 30);
    msg(&c, r1, RELAY_MSG_REQUEST, RELAY_UDP, TURN_M_REFRESH, true, 0, 3, 5, 300000, NULL);
    s = msg(&c, r1, RELAY_MSG_ERROR, RELAY_UDP, TURN_M_REFRESH, false, 438, 3, 6, 300010, NULL);
    CHECK(s.challenge && s.mark.verdict == RELAY_V_NONE);
    msg(&c, r1, RELAY_MSG_REQUEST, RELAY_UDP, TURN_M_REFRESH, true, 0, 4, 7, 300020, NULL);
    s = msg(&c, r1, RELAY_MSG_SUCCESS, RELAY_UDP, TURN_M_REFRESH, false, 0, 4, 8, 300030, NULL);
    CHECK(s.mark.verdict == RELAY_V_NONE && c.n_marks == 0);
    CHECK(row(&c, 0).outcome == RELAY_OUT_ALLOCATED);
    /* a stack that renews its nonce with 401 instead: the same dance, long
     * after the first challenge was answered */
    msg(&c, r1, RELAY_MSG_REQUEST, RELAY_UDP, TURN_M_ALLOCATE, true, 0, 5, 9, 600000, NULL);
    s = msg(&c, r1, RELAY_MSG_ERROR, RELAY_UDP, TURN_M_ALLOCATE, false, 401, 5, 10, 600010, NULL);
    CHECK(s.challenge && s.mark.verdict == RELAY_V_NONE);
    msg(&c, r1, RELAY_MSG_REQUEST, RELAY_UDP, TURN_M_ALLOCATE, true, 0, 6, 11, 600020, NULL);
    s = msg(&c, r1, RELAY_MSG_ERROR, RELAY_UDP, TURN_M_ALLOCATE, false, 401, 6, 12, 600030, NULL);
    CHECK(s.mark.verdict == RELAY_V_REFUSED && s.mark.about == 11); /* but not twice */
    relay_client_release(&c, free);
}

/* A client that signs its first Allocate with credentials cached from an
 * earlier allocation gets a fresh 401, and succeeds when it signs anew. */
static void
test_cached_credentials(void)
{
    relay_client_t c;
    relay_step_t s;

    new_client(&c);
    req(&c, r1, RELAY_UDP, true, 1, 1, 0);
    s = err(&c, r1, RELAY_UDP, 401, 1, 2, 10);
    CHECK(s.challenge && s.mark.verdict == RELAY_V_NONE);
    req(&c, r1, RELAY_UDP, true, 2, 3, 20);
    ok(&c, r1, RELAY_UDP, 2, 4, 30);
    CHECK(c.n_marks == 0 && row(&c, 0).outcome == RELAY_OUT_ALLOCATED);
    relay_client_release(&c, free);
}

/* Teams: the first relay's 401 names an ALTERNATE-SERVER; the signed
 * Allocate goes there, and its answer comes back from the first address.
 * Matched by transaction ID, it counts for the relay asked. */
static void
test_teams_redirect(void)
{
    relay_client_t c;
    relay_msg_t m;
    relay_step_t s;
    relay_row_t a, b;

    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1238, 0);
    memset(&m, 0, sizeof m);
    m.kind = RELAY_MSG_ERROR;
    m.transport = RELAY_UDP;
    m.method = TURN_M_ALLOCATE;
    m.code = 401;
    memset(m.id, 1, 16);
    m.alt.af = 4;
    memcpy(m.alt.addr, r2, 4);
    CHECK(relay_observe(&c, &env, r1, &m, 1245, MS(58), &s) && s.challenge);
    req(&c, r2, RELAY_UDP, true, 2, 1250, 83);
    s = ok(&c, r1, RELAY_UDP, 2, 1275, 126);   /* from the first address */
    CHECK(s.peer == 1250 && s.response_ns == MS(43) && !s.duplicate);
    CHECK(c.n_relays == 2 && c.orphans == 0 && c.n_marks == 0);
    a = row(&c, 0);
    b = row(&c, 1);
    CHECK(a.outcome == RELAY_OUT_REDIRECTED && memcmp(b.relay, r2, 4) == 0 && b.outcome == RELAY_OUT_ALLOCATED);
    CHECK(b.answered == RELAY_UDP && b.last_frame == 1275);

    /* had the relay sent to refused the signed request, that is a refusal:
     * the challenge it answers came from the first relay */
    relay_client_release(&c, free);
    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 0);
    relay_observe(&c, &env, r1, &m, 2, MS(10), &s);
    req(&c, r2, RELAY_UDP, true, 2, 3, 20);
    s = err(&c, r2, RELAY_UDP, 401, 2, 4, 30);
    CHECK(s.mark.verdict == RELAY_V_REFUSED && s.mark.relay == 1 && s.mark.about == 3 && s.mark.code == 401);
    relay_client_release(&c, free);
}

/* ---- Credentials refused ---- */

static void
test_refused(void)
{
    relay_client_t c;
    relay_step_t s;
    relay_row_t r;
    const relay_mark_t *k;

    /* 401 again after the challenge */
    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 0);
    err(&c, r1, RELAY_UDP, 401, 1, 2, 10);
    req(&c, r1, RELAY_UDP, true, 2, 3, 20);
    s = err(&c, r1, RELAY_UDP, 401, 2, 4, 30);
    CHECK(!s.challenge && s.mark.verdict == RELAY_V_REFUSED && s.mark.frame == 4 && s.mark.about == 3);
    CHECK(s.mark.code == 401 && s.mark.method == TURN_M_ALLOCATE && s.mark.transport == RELAY_UDP);
    CHECK(relay_marks_at(&c, 4, &k) == 1 && k->verdict == RELAY_V_REFUSED);
    /* the client tries again: the finding is not repeated */
    req(&c, r1, RELAY_UDP, true, 3, 5, 40);
    s = err(&c, r1, RELAY_UDP, 401, 3, 6, 50);
    CHECK(s.mark.verdict == RELAY_V_NONE && c.n_marks == 1);
    r = row(&c, 0);
    CHECK(r.outcome == RELAY_OUT_REFUSED && r.code == 401 && (r.verdicts & (1u << RELAY_V_REFUSED)));
    CHECK(reads(&r, "refused 401 (Unauthorized)"));
    relay_client_release(&c, free);

    /* 431: the integrity check failed, challenge or none */
    new_client(&c);
    req(&c, r1, RELAY_TCP, true, 1, 1, 0);
    s = err(&c, r1, RELAY_TCP, 431, 1, 2, 10);
    CHECK(s.mark.verdict == RELAY_V_REFUSED && s.mark.code == 431 && s.mark.transport == RELAY_TCP);
    r = row(&c, 0);
    CHECK(reads(&r, "refused 431 (Integrity Check Failure)"));
    /* new credentials from MRAS, and it works: the row says so */
    req(&c, r1, RELAY_TCP, true, 2, 3, 20);
    ok(&c, r1, RELAY_TCP, 2, 4, 30);
    CHECK(row(&c, 0).outcome == RELAY_OUT_ALLOCATED && c.n_marks == 1);
    relay_client_release(&c, free);

    /* a 401 whose request was not seen: nothing can be told */
    new_client(&c);
    s = err(&c, r1, RELAY_UDP, 401, 9, 1, 0);
    CHECK(s.challenge && s.mark.verdict == RELAY_V_NONE && s.peer == 0 && c.orphans == 1);
    CHECK(row(&c, 0).outcome == RELAY_OUT_CHALLENGED);
    relay_client_release(&c, free);
}

/* ---- UDP unanswered, and the fall back to TCP ---- */

static void
test_udp_unanswered(void)
{
    relay_client_t c;
    relay_step_t s;
    relay_row_t r;

    /* RFC 5389 retransmissions of one transaction: 0, 0.5, 1.5, 3.5 s */
    new_client(&c);
    s = req(&c, r1, RELAY_UDP, false, 1, 100, 0);
    CHECK(!s.retransmit);
    s = req(&c, r1, RELAY_UDP, false, 1, 101, 500);
    CHECK(s.retransmit && s.mark.verdict == RELAY_V_NONE);
    s = req(&c, r1, RELAY_UDP, false, 1, 102, 1500);
    CHECK(s.mark.verdict == RELAY_V_NONE); /* three, but only 1.5 s */
    s = req(&c, r1, RELAY_UDP, false, 1, 103, 3500);
    CHECK(s.mark.verdict == RELAY_V_UDP_UNANSWERED && s.mark.about == 100 && s.mark.frame == 103);
    s = req(&c, r1, RELAY_UDP, false, 1, 104, 7500);
    CHECK(s.mark.verdict == RELAY_V_NONE && c.n_marks == 1); /* said once */
    r = row(&c, 0);
    CHECK(r.outcome == RELAY_OUT_UNANSWERED && r.tried == RELAY_UDP && r.answered == 0 && r.requests[0] == 5);
    CHECK(r.verdicts == (1u << RELAY_V_UDP_UNANSWERED));
    CHECK(reads(&r, "unanswered"));

    /* then over TCP 443: its first answer, a challenge, shows the relay
     * reached that way */
    req(&c, r1, RELAY_TCP, false, 2, 105, 8000);
    s = err(&c, r1, RELAY_TCP, 401, 2, 106, 8050);
    CHECK(s.challenge && s.mark.verdict == RELAY_V_UDP_BLOCKED && s.mark.about == 100 && s.mark.transport == RELAY_TCP);
    req(&c, r1, RELAY_TCP, true, 3, 107, 8100);
    s = ok(&c, r1, RELAY_TCP, 3, 108, 8150);
    CHECK(s.mark.verdict == RELAY_V_NONE && c.n_marks == 2);
    r = row(&c, 0);
    CHECK(r.outcome == RELAY_OUT_ALLOCATED && r.tried == (RELAY_UDP | RELAY_TCP) && r.answered == RELAY_TCP);
    CHECK(r.verdicts == ((1u << RELAY_V_UDP_UNANSWERED) | (1u << RELAY_V_UDP_BLOCKED)) && r.late_answer == 0);
    relay_client_release(&c, free);
}

/* Clients gather UDP and TCP relay candidates at once: the TCP answer may
 * come before UDP is judged, which then says both at once. New
 * transactions count as attempts as retransmissions do. */
static void
test_udp_blocked_parallel(void)
{
    relay_client_t c;
    relay_step_t s;

    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 0);
    req(&c, r1, RELAY_TCP, false, 2, 2, 10);
    ok(&c, r1, RELAY_TCP, 2, 3, 60);
    req(&c, r1, RELAY_UDP, false, 3, 4, 1000);
    s = req(&c, r1, RELAY_UDP, false, 4, 5, 2500);
    CHECK(s.mark.verdict == RELAY_V_UDP_BLOCKED && s.mark.about == 1 && s.mark.transport == RELAY_UDP);
    CHECK(row(&c, 0).verdicts == (1u << RELAY_V_UDP_BLOCKED));
    relay_client_release(&c, free);
}

/* What is not UDP unanswered. */
static void
test_udp_not_unanswered(void)
{
    relay_client_t c;
    relay_step_t s;
    relay_env_t quick = env;
    relay_msg_t m;
    int i;

    /* answered, if only with errors */
    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 0);
    err(&c, r1, RELAY_UDP, 401, 1, 2, 10);
    for (i = 0; i < 6; i++)
        req(&c, r1, RELAY_UDP, true, (uint8_t)(10 + i), (uint32_t)(3 + i), 1000 * (i + 1));
    CHECK(c.n_marks == 0);
    relay_client_release(&c, free);

    /* two attempts, however far apart */
    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 0);
    s = req(&c, r1, RELAY_UDP, false, 2, 2, 60000);
    CHECK(s.mark.verdict == RELAY_V_NONE);
    /* other methods do not count as attempts */
    msg(&c, r1, RELAY_MSG_REQUEST, RELAY_UDP, TURN_M_REFRESH, true, 0, 3, 3, 61000, NULL);
    CHECK(c.n_marks == 0 && row(&c, 0).requests[0] == 2);
    relay_client_release(&c, free);

    /* times no clock shows prove no span */
    new_client(&c);
    memset(&m, 0, sizeof m);
    m.kind = RELAY_MSG_REQUEST;
    m.transport = RELAY_UDP;
    m.method = TURN_M_ALLOCATE;
    for (i = 0; i < 5; i++) {
        m.id[0] = (uint8_t)i;
        relay_observe(&c, &env, r1, &m, (uint32_t)(i + 1), i < 4 ? UCD_NS_NONE : MS(10000), &s);
    }
    CHECK(c.n_marks == 0);
    relay_client_release(&c, free);

    /* the thresholds are the caller's: one attempt and no span at all */
    quick.min_attempts = 0;
    quick.min_span_ns = 0;
    new_client(&c);
    m.id[0] = 42;
    CHECK(relay_observe(&c, &quick, r1, &m, 1, 0, &s) && s.mark.verdict == RELAY_V_UDP_UNANSWERED);
    relay_client_release(&c, free);
}

/* An answer after the verdict: the verdict stays on its frame (every pass
 * shows the same), the row says the answer came late. */
static void
test_late_answer(void)
{
    relay_client_t c;
    relay_row_t r;

    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 0);
    req(&c, r1, RELAY_UDP, false, 1, 2, 1000);
    req(&c, r1, RELAY_UDP, false, 1, 3, 3000);
    err(&c, r1, RELAY_UDP, 401, 1, 4, 3100);
    r = row(&c, 0);
    CHECK(r.late_answer == 4 && r.outcome == RELAY_OUT_CHALLENGED && r.answered == RELAY_UDP);
    CHECK(r.verdicts == (1u << RELAY_V_UDP_UNANSWERED));
    relay_client_release(&c, free);
}

/* ---- Other errors, in words ---- */

static void
test_errors(void)
{
    relay_client_t c;
    relay_step_t s;
    relay_row_t r;
    size_t i;

    new_client(&c);
    req(&c, r1, RELAY_UDP, true, 1, 1, 0);
    s = err(&c, r1, RELAY_UDP, 486, 1, 2, 10);
    CHECK(s.mark.verdict == RELAY_V_ERROR && s.mark.code == 486 && s.mark.about == 1);
    req(&c, r1, RELAY_UDP, true, 2, 3, 20);
    s = err(&c, r1, RELAY_UDP, 486, 2, 4, 30);
    CHECK(s.mark.verdict == RELAY_V_NONE); /* the same code again */
    req(&c, r1, RELAY_UDP, true, 3, 5, 40);
    s = err(&c, r1, RELAY_UDP, 508, 3, 6, 50);
    CHECK(s.mark.verdict == RELAY_V_ERROR && s.mark.code == 508);
    r = row(&c, 0);
    CHECK(r.outcome == RELAY_OUT_ERROR && reads(&r, "error 508 (Insufficient Capacity)"));

    /* an allocation's later transactions: 437 on a Refresh, 403 on a
     * CreatePermission, named with their method */
    msg(&c, r1, RELAY_MSG_REQUEST, RELAY_UDP, TURN_M_REFRESH, true, 0, 4, 7, 60, NULL);
    s = msg(&c, r1, RELAY_MSG_ERROR, RELAY_UDP, TURN_M_REFRESH, false, 437, 4, 8, 70, NULL);
    CHECK(s.mark.verdict == RELAY_V_ERROR && s.mark.method == TURN_M_REFRESH && s.mark.code == 437);
    msg(&c, r1, RELAY_MSG_REQUEST, RELAY_UDP, TURN_M_CREATE_PERMISSION, true, 0, 5, 9, 80, NULL);
    s = msg(&c, r1, RELAY_MSG_ERROR, RELAY_UDP, TURN_M_CREATE_PERMISSION, false, 403, 5, 10, 90, NULL);
    CHECK(s.mark.verdict == RELAY_V_ERROR && s.mark.method == TURN_M_CREATE_PERMISSION);
    /* a fifth code finds no room to be remembered, and is not said */
    s = err(&c, r1, RELAY_UDP, 500, 6, 11, 100);
    CHECK(s.mark.verdict == RELAY_V_NONE && c.n_marks == 4);
    /* an error code that could not be read says nothing */
    s = err(&c, r2, RELAY_UDP, 0, 7, 12, 110);
    r = row(&c, 1);
    CHECK(s.mark.verdict == RELAY_V_NONE && r.outcome == RELAY_OUT_ERROR && r.code == 0);
    CHECK(reads(&r, "error (code unreadable)"));
    relay_client_release(&c, free);

    /* 300 Try Alternate is a redirect */
    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 0);
    s = err(&c, r1, RELAY_UDP, 300, 1, 2, 10);
    CHECK(s.mark.verdict == RELAY_V_NONE && !s.challenge);
    r = row(&c, 0);
    CHECK(r.outcome == RELAY_OUT_REDIRECTED && r.answered == RELAY_UDP); /* its ALTERNATE-SERVER unread */
    relay_client_release(&c, free);

    /* the table: every code named, with a cause */
    for (i = 0; i < relay_n_code_names; i++)
        CHECK(relay_code_name(relay_code_names[i].code) == relay_code_names[i].name &&
              relay_code_cause(relay_code_names[i].code)[0] != '\0');
    CHECK(strcmp(relay_code_name(437), "Allocation Mismatch") == 0);
    CHECK(strcmp(relay_code_name(441), "Wrong Credentials") == 0);
    CHECK(strcmp(relay_code_name(442), "Unsupported Transport Protocol") == 0);
    CHECK(strcmp(relay_code_name(420), "Unknown Attribute") == 0);
    CHECK(strcmp(relay_code_name(400), "Bad Request") == 0);
    CHECK(strcmp(relay_code_name(500), "Server Error") == 0);
    CHECK(relay_code_name(499) == NULL && strstr(relay_code_cause(499), "logs") != NULL);
}

/* ---- The order a capture shows ---- */

/* Answers before their requests: a capture merged from two points, or a
 * clock stepped between them. */
static void
test_answer_first(void)
{
    relay_client_t c;
    relay_step_t s;
    relay_row_t r;

    new_client(&c);
    s = ok(&c, r1, RELAY_UDP, 9, 10, 100);
    CHECK(s.peer == 0 && s.response_ns == UCD_NS_NONE && c.orphans == 1);
    s = req(&c, r1, RELAY_UDP, true, 9, 11, 90);
    CHECK(s.peer == 10 && !s.retransmit);
    r = row(&c, 0);
    CHECK(r.outcome == RELAY_OUT_ALLOCATED && r.answered == RELAY_UDP && r.requests[0] == 1);
    relay_client_release(&c, free);

    /* the answer from one address, its request to another: the relay asked
     * is answered, and is not judged unanswered later */
    new_client(&c);
    ok(&c, r1, RELAY_UDP, 9, 10, 0);
    req(&c, r2, RELAY_UDP, true, 9, 11, 0);
    req(&c, r2, RELAY_UDP, true, 10, 12, 2000);
    s = req(&c, r2, RELAY_UDP, true, 11, 13, 4000);
    CHECK(s.mark.verdict == RELAY_V_NONE && row(&c, 1).outcome == RELAY_OUT_ALLOCATED);
    relay_client_release(&c, free);

    /* an answer stamped before its request: no response time */
    new_client(&c);
    req(&c, r1, RELAY_UDP, false, 1, 1, 1000);
    s = err(&c, r1, RELAY_UDP, 401, 1, 2, 500);
    CHECK(s.peer == 1 && s.response_ns == UCD_NS_NONE);
    relay_client_release(&c, free);
}

/* The same answer twice (a retransmitted request answered again, or a copy
 * from a second capture point) counts once. */
static void
test_duplicates(void)
{
    relay_client_t c;
    relay_step_t s;

    new_client(&c);
    req(&c, r1, RELAY_UDP, true, 1, 1, 0);
    req(&c, r1, RELAY_UDP, true, 1, 2, 500);
    s = err(&c, r1, RELAY_UDP, 486, 1, 3, 510);
    CHECK(s.mark.verdict == RELAY_V_ERROR && !s.duplicate);
    s = err(&c, r1, RELAY_UDP, 486, 1, 4, 520);
    CHECK(s.duplicate && s.mark.verdict == RELAY_V_NONE && s.peer == 1);
    CHECK(c.relays[0].leg[0].answers == 1 && c.relays[0].leg[0].requests == 2 && row(&c, 0).last_frame == 4);
    relay_client_release(&c, free);
}

/* Several messages in one TCP segment share its frame: each verdict is
 * found by that frame. */
static void
test_one_frame(void)
{
    relay_client_t c;
    const relay_mark_t *k;

    new_client(&c);
    req(&c, r1, RELAY_TCP, true, 1, 5, 0);
    req(&c, r1, RELAY_TCP, true, 2, 5, 0);
    req(&c, r1, RELAY_TCP, true, 3, 6, 0);
    err(&c, r1, RELAY_TCP, 486, 1, 7, 10);
    err(&c, r1, RELAY_TCP, 508, 2, 7, 10);
    err(&c, r1, RELAY_TCP, 442, 3, 8, 10);
    CHECK(relay_marks_at(&c, 7, &k) == 2 && k[0].code == 486 && k[1].code == 508);
    CHECK(relay_marks_at(&c, 8, &k) == 1 && k->code == 442);
    CHECK(relay_marks_at(&c, 6, &k) == 0 && relay_marks_at(&c, 9, &k) == 0);
    relay_client_release(&c, free);
}

/* ---- Limits ---- */

static void
test_limits(void)
{
    relay_client_t c;
    relay_env_t none = env;
    relay_step_t s;
    uint8_t relay[4] = { 10, 0, 0, 0 };
    const relay_mark_t *k;
    bool followed;
    unsigned i;

    /* pending transactions: the oldest is forgotten, its answer unmatched */
    new_client(&c);
    for (i = 0; i < RELAY_MAX_PENDING + 1; i++)
        req(&c, r1, RELAY_UDP, true, (uint8_t)(i + 1), i + 1, 0);
    CHECK(c.evicted == 1);
    s = ok(&c, r1, RELAY_UDP, 1, 20, 10);
    CHECK(s.peer == 0 && c.orphans == 1);
    s = ok(&c, r1, RELAY_UDP, 2, 21, 10);
    CHECK(s.peer == 2);
    /* answered transactions make room before pending ones */
    req(&c, r1, RELAY_UDP, true, 50, 22, 20);
    CHECK(c.evicted == 1);
    relay_client_release(&c, free);

    /* relays: the seventeenth is counted, not followed */
    new_client(&c);
    for (i = 0; i < RELAY_MAX_RELAYS + 1; i++) {
        relay[3] = (uint8_t)i;
        msg(&c, relay, RELAY_MSG_REQUEST, RELAY_UDP, TURN_M_ALLOCATE, true, 0, (uint8_t)i, i + 1, 0, &followed);
        CHECK(followed == (i < RELAY_MAX_RELAYS));
    }
    CHECK(c.n_relays == RELAY_MAX_RELAYS && c.relays_dropped == 1);
    /* an unmatched answer from it is not followed either */
    msg(&c, relay, RELAY_MSG_SUCCESS, RELAY_UDP, TURN_M_ALLOCATE, false, 0, 99, 40, 0, &followed);
    CHECK(!followed && c.relays_dropped == 2);

    /* verdicts: past RELAY_MAX_MARKS counted, still returned */
    for (i = 0; i < RELAY_MAX_RELAYS; i++) {
        static const uint16_t codes[] = { 486, 508, 437, 442 };
        unsigned j;
        relay[3] = (uint8_t)i;
        for (j = 0; j < 4; j++) {
            s = msg(&c, relay, RELAY_MSG_ERROR, RELAY_UDP, TURN_M_ALLOCATE, false, codes[j], (uint8_t)(100 + i * 4 + j),
                    100 + i * 4 + j, 0, NULL);
            CHECK(s.mark.verdict == RELAY_V_ERROR);
        }
    }
    CHECK(c.n_marks == RELAY_MAX_MARKS && c.marks_dropped == RELAY_MAX_RELAYS * 4 - RELAY_MAX_MARKS);
    CHECK(relay_marks_at(&c, 100, &k) == 1 && relay_marks_at(&c, 100 + RELAY_MAX_MARKS, &k) == 0);
    relay_client_release(&c, free);
    CHECK(c.relays == NULL && c.n_relays == 0);

    /* nowhere to grow: nothing followed */
    none.grow = grow_never;
    new_client(&c);
    memset(&s, 0, sizeof s);
    {
        relay_msg_t m;
        memset(&m, 0, sizeof m);
        m.kind = RELAY_MSG_REQUEST;
        m.transport = RELAY_UDP;
        m.method = TURN_M_ALLOCATE;
        CHECK(!relay_observe(&c, &none, r1, &m, 1, 0, &s) && c.relays_dropped == 1);
        m.transport = 0;
        CHECK(!relay_observe(&c, &env, r1, &m, 1, 0, &s));
        m.transport = RELAY_UDP;
        m.kind = RELAY_MSG_NONE;
        CHECK(!relay_observe(&c, &env, r1, &m, 1, 0, &s));
    }
    relay_client_release(&c, free);
}

/* ---- Keys, IPv6, words ---- */

static void
test_keys_and_v6(void)
{
    static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
    static const uint8_t v6_relay[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x99 };
    relay_client_t a, b, c6;
    relay_row_t r;

    relay_client_init(&a, 4, client_addr);
    relay_client_init(&b, 4, client_addr);
    CHECK(relay_client_key_equal(&a.key, &b.key) && relay_client_key_hash(&a.key) == relay_client_key_hash(&b.key));
    relay_client_init(&b, 4, r1);
    CHECK(!relay_client_key_equal(&a.key, &b.key) && relay_client_key_hash(&a.key) != relay_client_key_hash(&b.key));
    relay_client_init(&c6, 6, v6);
    CHECK(!relay_client_key_equal(&a.key, &c6.key) && c6.key.af == 6);

    req(&c6, v6_relay, RELAY_UDP, false, 1, 1, 0);
    ok(&c6, v6_relay, RELAY_UDP, 1, 2, 10);
    r = row(&c6, 0);
    CHECK(r.outcome == RELAY_OUT_ALLOCATED && memcmp(r.relay, v6_relay, 16) == 0 && r.client.af == 6);
    relay_client_release(&c6, free);
}

static void
test_words(void)
{
    relay_row_t r;
    char text[64];
    unsigned v;

    for (v = RELAY_V_UDP_UNANSWERED; v < RELAY_V_COUNT; v++)
        CHECK(relay_verdict_name((relay_verdict_t)v)[0] != '\0' && relay_verdict_words((relay_verdict_t)v)[0] != '\0');
    CHECK(strstr(relay_verdict_words(RELAY_V_UDP_BLOCKED), "3478") != NULL);
    CHECK(strstr(relay_verdict_words(RELAY_V_REFUSED), "MRAS") != NULL);
    CHECK(strcmp(relay_verdict_name((relay_verdict_t)77), "unknown verdict") == 0);
    CHECK(strcmp(relay_transports_name(RELAY_UDP | RELAY_TCP), "UDP, TCP") == 0);
    CHECK(strcmp(relay_transports_name(RELAY_TCP), "TCP") == 0);
    CHECK(strcmp(relay_transports_name(0), "none") == 0);
    for (v = 0; v < RELAY_OUT_COUNT; v++)
        CHECK(strcmp(relay_outcome_name((relay_outcome_t)v), "unknown") != 0);
    CHECK(strcmp(relay_outcome_name(RELAY_OUT_CHALLENGED), "challenged only") == 0);

    memset(&r, 0, sizeof r);
    r.outcome = RELAY_OUT_ERROR;
    r.code = 499;
    CHECK(relay_outcome_text(&r, text, sizeof text) == 9 && strcmp(text, "error 499") == 0);
    r.code = 486;
    CHECK(relay_outcome_text(&r, text, 10) == 9 && strcmp(text, "error 486") == 0); /* cut to the room */
    CHECK(relay_outcome_text(&r, text, 0) == 0);
    r.outcome = RELAY_OUT_IN_USE;
    CHECK(reads(&r, "in use (allocated before the capture)"));
}

/* From the wire: Teams' exchange as the reader takes it, into the logic. */
static void
test_from_wire(void)
{
    static const uint8_t hmac[20] = { 0x7e };
    relay_client_t c;
    tmsg_t t;
    turn_msg_t m;
    relay_msg_t rm;
    relay_step_t s;

    new_client(&c);
    tmsg_ms_begin(&t, 0x0003, 1, 0x31);
    tmsg_attr32(&t, 0x0010, 12000);
    CHECK(turn_read(t.p, t.n, t.n, &m) && relay_msg_of(&m, RELAY_UDP, &rm));
    CHECK(relay_observe(&c, &env, r1, &rm, 1, 0, &s));
    tmsg_ms_begin(&t, 0x0113, 1, 0x31);
    tmsg_error(&t, 401, "The request did not contain a Message-Integrity attribute");
    tmsg_addr4(&t, 0x000e, 3478, 0x3472fa8d);
    CHECK(turn_read(t.p, t.n, t.n, &m) && relay_msg_of(&m, RELAY_UDP, &rm));
    CHECK(relay_observe(&c, &env, r1, &rm, 2, MS(58), &s) && s.challenge && s.peer == 1);
    tmsg_ms_begin(&t, 0x0003, 1, 0x32);
    tmsg_attr(&t, 0x0006, "user", 4);
    tmsg_attr(&t, 0x0008, hmac, sizeof hmac);
    CHECK(turn_read(t.p, t.n, t.n, &m) && relay_msg_of(&m, RELAY_UDP, &rm) && rm.signed_);
    CHECK(relay_observe(&c, &env, r2, &rm, 3, MS(83), &s));
    tmsg_ms_begin(&t, 0x0103, 1, 0x32);
    tmsg_addr4(&t, 0x0001, 3480, 0x3472fa8d);
    CHECK(turn_read(t.p, t.n, t.n, &m) && turn_msg_relayed(&m) && relay_msg_of(&m, RELAY_UDP, &rm));
    CHECK(relay_observe(&c, &env, r1, &rm, 4, MS(126), &s) && s.peer == 3);
    CHECK(c.n_marks == 0 && row(&c, 1).outcome == RELAY_OUT_ALLOCATED && row(&c, 0).outcome == RELAY_OUT_REDIRECTED);
    relay_client_release(&c, free);
}

int
main(void)
{
    test_msg_of();
    test_challenge_then_success();
    test_stale_nonce();
    test_cached_credentials();
    test_teams_redirect();
    test_refused();
    test_udp_unanswered();
    test_udp_blocked_parallel();
    test_udp_not_unanswered();
    test_late_answer();
    test_errors();
    test_answer_first();
    test_duplicates();
    test_one_frame();
    test_limits();
    test_keys_and_v6();
    test_words();
    test_from_wire();
    return check_summary();
}
