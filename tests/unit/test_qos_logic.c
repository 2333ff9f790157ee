/* Unit tests of the QoS port plan, classification and flow bookkeeping.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame_reader.h"
#include "qos_logic.h"
#include "check.h"


static qos_plan_t *
preset(qos_preset_t p)
{
    static qos_plan_t plan;
    qos_overlap_t ov[4];

    qos_plan_clear(&plan);
    qos_plan_add_preset(&plan, p);
    CHECK(qos_plan_compile(&plan, ov, 4) == 0); /* no built-in preset overlaps itself */
    return &plan;
}

static void
test_sfb_lookup(void)
{
    qos_plan_t *plan = preset(QOS_PRESET_SFB);
    const qos_range_t *r;

    r = qos_plan_lookup(plan, QOS_UDP, QOS_SERVER, 49152);
    CHECK(r && r->modality == QOS_AUDIO && r->dscp == 46);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_SERVER, 57500);
    CHECK(r && r->modality == QOS_AUDIO);
    r = qos_plan_lookup(plan, QOS_TCP, QOS_SERVER, 57501);
    CHECK(r && r->modality == QOS_VIDEO && r->dscp == 34);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_SERVER, 65535);
    CHECK(r && r->modality == QOS_VIDEO);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_SERVER, 40802);
    CHECK(r == NULL);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_CLIENT, 42020);
    CHECK(r && r->modality == QOS_FILETRANSFER && r->dscp == 14);
    CHECK(qos_plan_lookup(plan, QOS_UDP, QOS_CLIENT, 42040) == NULL);
}

static void
test_classify_sender_and_receiver(void)
{
    qos_plan_t *plan = preset(QOS_PRESET_SFB);
    qos_match_t m;

    /* client audio port to server audio port: sender's port, client role */
    qos_classify(plan, QOS_UDP, 50020, 49200, &m);
    CHECK(m.range && m.by == QOS_MATCH_SENDER && m.range->role == QOS_CLIENT && m.range->dscp == 46);
    /* and back: server audio */
    qos_classify(plan, QOS_UDP, 49200, 50020, &m);
    CHECK(m.range && m.range->role == QOS_SERVER && m.range->modality == QOS_AUDIO);
    /* 42025 is a client file-transfer port and a server app-sharing port: with
     * a peer in no range, the narrower client range wins */
    qos_classify(plan, QOS_TCP, 42025, 7000, &m);
    CHECK(m.range && m.range->modality == QOS_FILETRANSFER && m.range->dscp == 14);
    /* 42001 is in a client and a server range too: still the narrower */
    qos_classify(plan, QOS_UDP, 42025, 42001, &m);
    CHECK(m.range && m.range->modality == QOS_FILETRANSFER);
    /* a peer on a client-only port makes the sender the server */
    {
        static qos_plan_t custom;
        qos_overlap_t ov[2];
        qos_range_t srv = { QOS_APPSHARING, QOS_SERVER, QOS_BOTH, 24, 40000, 49999, true };
        qos_range_t ft = { QOS_FILETRANSFER, QOS_CLIENT, QOS_BOTH, 14, 42020, 42039, true };
        qos_range_t au = { QOS_AUDIO, QOS_CLIENT, QOS_BOTH, 46, 30000, 30010, true };
        qos_plan_clear(&custom);
        CHECK(qos_plan_add(&custom, &srv) && qos_plan_add(&custom, &ft) && qos_plan_add(&custom, &au));
        CHECK(qos_plan_compile(&custom, ov, 2) == 0);
        qos_classify(&custom, QOS_UDP, 42025, 30005, &m);
        CHECK(m.range && m.range->role == QOS_SERVER && m.range->modality == QOS_APPSHARING);
        qos_classify(&custom, QOS_UDP, 42025, 45000, &m); /* peer is a server */
        CHECK(m.range && m.range->role == QOS_CLIENT && m.range->modality == QOS_FILETRANSFER);
    }
    /* sender's port in no range: the receiver's decides, and says so */
    qos_classify(plan, QOS_UDP, 33333, 49300, &m);
    CHECK(m.range && m.by == QOS_MATCH_RECEIVER && m.range->modality == QOS_AUDIO);
    /* not UC media */
    qos_classify(plan, QOS_UDP, 53, 33333, &m);
    CHECK(m.range == NULL && m.by == QOS_MATCH_NONE && m.vbss == QOS_VBSS_NONE);
    /* ephemeral ports inside the server ranges talking to well-known services */
    qos_classify(plan, QOS_UDP, 53000, 53, &m);
    CHECK(m.range == NULL);
    qos_classify(plan, QOS_UDP, 53, 53000, &m);
    CHECK(m.range == NULL);
    qos_classify(plan, QOS_TCP, 60123, 443, &m);
    CHECK(m.range == NULL);
    /* but a client range still counts against 443 (media over TCP via the Edge) */
    qos_classify(plan, QOS_TCP, 50030, 443, &m);
    CHECK(m.range && m.range->role == QOS_CLIENT && m.range->modality == QOS_AUDIO && m.by == QOS_MATCH_SENDER);
    qos_classify(plan, QOS_TCP, 443, 50030, &m);
    CHECK(m.range && m.range->role == QOS_CLIENT && m.by == QOS_MATCH_RECEIVER);
    /* a client without configured ranges reaching a TURN relay from an
     * ephemeral port is no server, whatever range its port falls in */
    qos_classify(plan, QOS_UDP, 60001, 3478, &m);
    CHECK(m.range == NULL);
    qos_classify(plan, QOS_UDP, 3481, 51681, &m);
    CHECK(m.range == NULL);
    qos_classify(plan, QOS_UDP, 50021, 3479, &m);
    CHECK(m.range && m.range->role == QOS_CLIENT && m.range->modality == QOS_AUDIO);
    CHECK(qos_is_service_port(443) && qos_is_service_port(3480) && !qos_is_service_port(3482) &&
          !qos_is_service_port(5061) && !qos_is_service_port(1024));
}

static void
test_signalling_ports(void)
{
    static const uint16_t yes[] = { 1719, 1720, 2000, 2443, 2427, 2727, 5060, 5061, 5062 };
    /* TURN and MS-TURN's TCP fallback carry media on 443 and 3478-3481; the
     * rest are neighbours of the list and media ports of the presets */
    static const uint16_t no[] = { 0, 80, 443, 3478, 3479, 3480, 3481, 1718, 1721, 1999, 2001, 2428,
                                   5059, 5063, 50020, 49152, 65535 };
    size_t i;

    for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
        CHECK(qos_is_signalling_port(yes[i]));
    for (i = 0; i < sizeof no / sizeof no[0]; i++)
        CHECK(!qos_is_signalling_port(no[i]));
    /* the inline bounds are the table's ends: nothing listed lies outside */
    CHECK(qos_signalling_listed(QOS_SIGNALLING_LO) && qos_signalling_listed(QOS_SIGNALLING_HI));
    for (i = 0; i < 65536; i++)
        if (i < QOS_SIGNALLING_LO || i > QOS_SIGNALLING_HI)
            CHECK(!qos_signalling_listed((uint16_t)i));
}

static void
test_vbss(void)
{
    qos_plan_t *plan = preset(QOS_PRESET_SFB);
    qos_match_t m;

    qos_classify(plan, QOS_UDP, 42004, 62345, &m);
    CHECK(m.vbss == QOS_VBSS_CLIENT_TO_SERVER);
    CHECK(m.range && m.range->modality == QOS_APPSHARING && m.range->dscp == 24);
    CHECK(m.appsharing_client && m.appsharing_client->lo == 42000 && m.appsharing_client->hi == 42019);
    CHECK(m.video_server && m.video_server->lo == 57501);
    CHECK(m.dscp == 24 && qos_match_accepts(&m, 24) && qos_match_accepts(&m, 34) && !qos_match_accepts(&m, 0));
    qos_classify(plan, QOS_UDP, 62345, 42004, &m);
    CHECK(m.vbss == QOS_VBSS_SERVER_TO_CLIENT);
    CHECK(m.range && m.range->modality == QOS_VIDEO && m.range->dscp == 34);
    /* the server's answer: app sharing's 24 is the fix, video's 34 both ways the other one */
    CHECK(m.dscp == 24 && qos_match_accepts(&m, 24) && qos_match_accepts(&m, 34) && !qos_match_accepts(&m, 46));
    /* not VBSS: one DSCP only */
    qos_classify(plan, QOS_UDP, 58001, 60001, &m);
    CHECK(m.dscp == 34 && m.alt_dscp == -1 && !qos_match_accepts(&m, 24));
    /* app sharing to the app-sharing server range is not VBSS */
    qos_classify(plan, QOS_UDP, 42004, 45000, &m);
    CHECK(m.vbss == QOS_VBSS_NONE);
    /* Teams has no server ranges: no VBSS */
    plan = preset(QOS_PRESET_TEAMS);
    qos_classify(plan, QOS_UDP, 50045, 62345, &m);
    CHECK(m.vbss == QOS_VBSS_NONE && m.range && m.range->dscp == 18);
}

static void
test_presets(void)
{
    qos_plan_t *plan;
    const qos_range_t *r;

    plan = preset(QOS_PRESET_TEAMS);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_CLIENT, 50019);
    CHECK(r && r->modality == QOS_AUDIO && r->dscp == 46);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_CLIENT, 50020);
    CHECK(r && r->modality == QOS_VIDEO && r->dscp == 34);
    CHECK(qos_plan_lookup(plan, QOS_UDP, QOS_SERVER, 50000) == NULL);
    plan = preset(QOS_PRESET_SFB_FIELD);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_CLIENT, 50079);
    CHECK(r && r->modality == QOS_AUDIO);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_CLIENT, 42039);
    CHECK(r && r->modality == QOS_APPSHARING);
    plan = preset(QOS_PRESET_LPE);
    r = qos_plan_lookup(plan, QOS_UDP, QOS_CLIENT, 50030);
    CHECK(r && r->dscp == 40);
    plan = preset(QOS_PRESET_CUSTOM);
    CHECK(plan->n == 0);
}

static void
test_overlaps_and_user_entries(void)
{
    static qos_plan_t plan;
    qos_overlap_t ov[4];
    qos_range_t user = { QOS_AUDIO, QOS_CLIENT, QOS_UDP, 40, 50030, 50049, true };
    qos_range_t bad = { QOS_AUDIO, QOS_CLIENT, QOS_UDP, 40, 10, 5, true };
    qos_range_t bad_dscp = { QOS_AUDIO, QOS_CLIENT, QOS_UDP, 64, 1, 5, true };
    const qos_range_t *r;

    qos_plan_clear(&plan);
    qos_plan_add_preset(&plan, QOS_PRESET_SFB);
    CHECK(qos_plan_add(&plan, &user));
    CHECK(!qos_plan_add(&plan, &bad));
    CHECK(!qos_plan_add(&plan, &bad_dscp));
    CHECK(qos_plan_compile(&plan, ov, 4) == 1);
    CHECK(ov[0].lo == 50030 && ov[0].hi == 50039);
    CHECK(plan.ranges[ov[0].first].from_user == false && plan.ranges[ov[0].second].from_user == true);
    /* the user's entry is applied where they overlap, and beyond */
    r = qos_plan_lookup(&plan, QOS_UDP, QOS_CLIENT, 50035);
    CHECK(r && r->from_user && r->dscp == 40);
    r = qos_plan_lookup(&plan, QOS_UDP, QOS_CLIENT, 50025);
    CHECK(r && !r->from_user && r->dscp == 46);
    /* UDP only: TCP keeps the preset */
    r = qos_plan_lookup(&plan, QOS_TCP, QOS_CLIENT, 50035);
    CHECK(r && !r->from_user);
    /* client and server ranges may share ports (different hosts): no overlap */
    qos_plan_clear(&plan);
    qos_plan_add_preset(&plan, QOS_PRESET_SFB_FIELD);
    CHECK(qos_plan_compile(&plan, ov, 4) == 0);
}

/* 70 entries of your own each covering every port, UDP and TCP: each shares
 * ports with the one before it, and a pair is one overlap, not one per port
 * or transport; what the caller is given stays within its max. */
static void
test_many_overlapping_entries(void)
{
    static qos_plan_t plan;
    qos_overlap_t ov[8];
    qos_range_t all = { QOS_AUDIO, QOS_CLIENT, QOS_BOTH, 46, 0, 65535, true };
    unsigned i;

    qos_plan_clear(&plan);
    for (i = 0; i < 70; i++) {
        all.dscp = (uint8_t)(i % 64);
        CHECK(qos_plan_add(&plan, &all));
    }
    CHECK(qos_plan_compile(&plan, ov, 8) == 69);
    for (i = 0; i < 8; i++)
        CHECK(ov[i].first == i && ov[i].second == i + 1 && ov[i].lo == 0 && ov[i].hi == 65535);
    /* The last entry applies everywhere. */
    CHECK(qos_plan_lookup(&plan, QOS_TCP, QOS_CLIENT, 0) == &plan.ranges[69]);
    CHECK(qos_plan_lookup(&plan, QOS_UDP, QOS_CLIENT, 65535) == &plan.ranges[69]);
    /* A range under many others pairs with each, once. */
    qos_plan_clear(&plan);
    for (i = 0; i < 70; i++) {
        qos_range_t r = { QOS_AUDIO, QOS_CLIENT, QOS_UDP, 46, (uint16_t)(i * 900), (uint16_t)(i * 900 + 899), true };
        CHECK(qos_plan_add(&plan, &r));
    }
    CHECK(qos_plan_add(&plan, &all));
    CHECK(qos_plan_compile(&plan, ov, 8) == 70);
    CHECK(ov[7].first == 7 && ov[7].second == 70 && ov[7].lo == 6300 && ov[7].hi == 7199);
}

static void
test_flow(void)
{
    qos_flow_t f;
    char buf[64];
    uint32_t i;

    qos_flow_init(&f);
    CHECK(!qos_flow_add(&f, 10, 46, false, false));
    CHECK(!qos_flow_add(&f, 11, 46, false, false));
    /* one marking so far: its count alone, whole or not at all */
    CHECK(qos_flow_observed(&f, buf, sizeof buf) == 4 && strcmp(buf, "46:2") == 0);
    CHECK(qos_flow_observed(&f, buf, 5) == 4 && strcmp(buf, "46:2") == 0);
    CHECK(qos_flow_observed(&f, buf, 4) == 0 && strcmp(buf, "") == 0);
    CHECK(qos_flow_add(&f, 12, 0, true, false));   /* re-marked here */
    CHECK(!qos_flow_add(&f, 13, 0, true, false));
    CHECK(f.first_frame == 10 && f.last_frame == 13 && f.packets == 4 && f.mismatched == 2);
    {
        uint8_t from = 99;
        CHECK(qos_flow_remarked_at(&f, 12, &from) && from == 46);
        CHECK(!qos_flow_remarked_at(&f, 13, &from));
    }
    qos_flow_observed(&f, buf, sizeof buf);
    CHECK(strcmp(buf, "0:2 46:2") == 0); /* ties: the lower DSCP first */
    CHECK(!qos_flow_add(&f, 14, 0, true, false));
    qos_flow_observed(&f, buf, sizeof buf);
    CHECK(strcmp(buf, "0:3 46:2") == 0);
    /* a flow flapping forever keeps a bounded list but counts every change */
    for (i = 0; i < 1000; i++)
        qos_flow_add(&f, 100 + i, (uint8_t)(i & 1 ? 46 : 34), false, false);
    CHECK(f.nremarks == QOS_MAX_REMARKS && f.remarks_total == 1001);
    qos_flow_observed(&f, buf, sizeof buf);
    CHECK(strcmp(buf, "46:502 34:500 0:3") == 0);
    qos_flow_observed(&f, buf, 10); /* whole entries only */
    CHECK(strcmp(buf, "46:502") == 0);
}

/* A merged capture of both ends: each packet twice, the second copy re-marked
 * on the way. One re-mark for the flow, not one per packet. */
static void
test_flow_copies(void)
{
    qos_flow_t f;
    uint8_t from = 99;
    uint16_t id;
    unsigned remarks = 0;

    qos_flow_init(&f);
    for (id = 0x100; id < 0x140; id++) {
        bool c1 = qos_flow_is_copy(&f, id), r1 = qos_flow_add(&f, 2u * id, 34, false, c1);
        bool c2 = qos_flow_is_copy(&f, id), r2 = qos_flow_add(&f, 2u * id + 1, 0, true, c2);

        CHECK(!c1 && c2 && !r1);
        remarks += r1 + r2;
    }
    CHECK(remarks == 1 && f.copy_remark_frame == 0x201 && f.last_dscp == 34);
    CHECK(qos_flow_remarked_at(&f, 0x201, &from) && from == 34);
    CHECK(f.packets == 0x80 && f.mismatched == 0x40);
    /* no identification (IPv6, or IPv4 senders that leave it 0): never a copy */
    qos_flow_init(&f);
    CHECK(!qos_flow_is_copy(&f, 0));
    qos_flow_add(&f, 1, 46, false, false);
    CHECK(!qos_flow_is_copy(&f, 0));
    /* a flow re-marked over time at one point is still reported where it changes */
    CHECK(!qos_flow_is_copy(&f, 7));
    CHECK(qos_flow_add(&f, 2, 0, true, false));
}

/* What the post-dissector does to read a packet's DSCP. */
static bool
find_dscp(const uint8_t *frame, size_t len, int af, const uint8_t *src, const uint8_t *dst, uint8_t *dscp)
{
    size_t off;

    if (!frame_find_ip_header(frame, len, af, src, dst, &off))
        return false;
    *dscp = frame_ip_dscp(frame + off, af);
    return true;
}

static void
test_find_dscp(void)
{
    /* Ethernet + VLAN tag + IPv4 (DSCP 46) + UDP */
    uint8_t f4[18 + 20 + 8] = { 0 };
    uint8_t f6[14 + 40 + 8] = { 0 };
    const uint8_t s4[4] = { 10, 1, 20, 50 }, d4[4] = { 10, 1, 1, 10 };
    uint8_t s6[16] = { 0x20, 0x01, 0x0d, 0xb8 }, d6[16] = { 0x20, 0x01, 0x0d, 0xb8 };
    uint8_t dscp = 0;
    qos_flow_key_t k1, k2;

    f4[12] = 0x81; f4[16] = 0x08;
    f4[18] = 0x45; f4[19] = 46 << 2 | 1; /* ECN bits must not leak into DSCP */
    memcpy(f4 + 18 + 12, s4, 4);
    memcpy(f4 + 18 + 16, d4, 4);
    CHECK(find_dscp(f4, sizeof f4, 4, s4, d4, &dscp) && dscp == 46);
    CHECK(!find_dscp(f4, sizeof f4, 4, d4, s4, &dscp));  /* the other direction is not here */
    CHECK(!find_dscp(f4, 18 + 19, 4, s4, d4, &dscp));    /* header cut */
    f4[18] = 0x65;                                            /* not version 4 */
    CHECK(!find_dscp(f4, sizeof f4, 4, s4, d4, &dscp));

    s6[15] = 1;
    d6[15] = 2;
    f6[14] = 0x60 | (34 >> 2);        /* traffic class 34 << 2 split over two bytes */
    f6[15] = (uint8_t)((34 & 3) << 6);
    memcpy(f6 + 14 + 8, s6, 16);
    memcpy(f6 + 14 + 24, d6, 16);
    CHECK(find_dscp(f6, sizeof f6, 6, s6, d6, &dscp) && dscp == 34);
    CHECK(!find_dscp(f6, sizeof f6, 5, s6, d6, &dscp));
    /* no link layer at all (raw IP), found by the scan */
    CHECK(find_dscp(f4 + 18, sizeof f4 - 18, 4, s4, d4, &dscp) == false); /* version was spoilt above */
    f4[18] = 0x45;
    CHECK(find_dscp(f4 + 18, sizeof f4 - 18, 4, s4, d4, &dscp) && dscp == 46);

    memset(&k1, 0, sizeof k1);
    k1.af = 4; k1.transport = QOS_UDP; k1.sport = 50020; k1.dport = 49200;
    memcpy(k1.src, s4, 4); memcpy(k1.dst, d4, 4);
    k2 = k1;
    CHECK(qos_flow_key_equal(&k1, &k2) && qos_flow_key_hash(&k1) == qos_flow_key_hash(&k2));
    k2.sport = 49200; k2.dport = 50020; /* the reverse direction is another flow */
    CHECK(!qos_flow_key_equal(&k1, &k2));
}

/* The -z table's text kept up to date packet by packet reads as the text
 * written anew each time: across counts that gain a digit, a second
 * marking, and a buffer too small for the count. */
static void
test_observed_update(void)
{
    qos_flow_t f;
    qos_observed_shown_t shown, small_shown;
    char kept[64], small[6], fresh[64];
    unsigned i;
    bool same = true;

    qos_flow_init(&f);
    memset(&shown, 0, sizeof shown);
    memset(&small_shown, 0, sizeof small_shown);
    for (i = 0; i < 12000; i++) {
        uint8_t dscp = i >= 1500 && i < 1503 ? 0 : 46; /* three re-marked packets among them */
        size_t n;
        qos_flow_add(&f, i + 1, dscp, false, false);
        n = qos_flow_observed_update(&f, kept, sizeof kept, &shown);
        qos_flow_observed(&f, fresh, sizeof fresh);
        same = same && n == strlen(fresh) && strcmp(kept, fresh) == 0;
        n = qos_flow_observed_update(&f, small, sizeof small, &small_shown);
        qos_flow_observed(&f, fresh, sizeof small);
        same = same && n == strlen(fresh) && strcmp(small, fresh) == 0;
    }
    CHECK(same);
    CHECK(strcmp(kept, "46:11997 0:3") == 0);
    qos_flow_init(&f);
    memset(&shown, 0, sizeof shown);
    qos_flow_add(&f, 1, 34, false, false);
    qos_flow_observed_update(&f, kept, sizeof kept, &shown);
    for (i = 0; i < 99; i++)
        qos_flow_add(&f, i + 2, 34, false, false);
    qos_flow_observed_update(&f, kept, sizeof kept, &shown); /* 99 packets counted since: written anew */
    CHECK(strcmp(kept, "34:100") == 0);
}

/* The inline test ahead of the search: addresses that point into the frame,
 * side by side, in a header of the right version. */
static void
test_ip_header_in_place(void)
{
    uint8_t f[64] = { 0 };
    uint8_t elsewhere[8] = { 10, 0, 0, 1, 10, 0, 0, 2 };
    size_t off = 99;

    f[14] = 0x45;
    memcpy(f + 26, elsewhere, 8);
    CHECK(frame_ip_header_in_place(f, sizeof f, 4, f + 26, f + 30, &off) && off == 14);
    CHECK(!frame_ip_header_in_place(f, sizeof f, 4, elsewhere, elsewhere + 4, &off));
    CHECK(!frame_ip_header_in_place(f, sizeof f, 4, f + 26, f + 31, &off));     /* not side by side */
    CHECK(!frame_ip_header_in_place(f, 33, 4, f + 26, f + 30, &off));           /* header cut */
    CHECK(!frame_ip_header_in_place(f, sizeof f, 6, f + 26, f + 42, &off));     /* not version 6 */
    CHECK(!frame_ip_header_in_place(f, sizeof f, 0, f + 26, f + 30, &off));
    /* the search finds the same header from addresses held elsewhere */
    off = 99;
    CHECK(frame_find_ip_header(f, sizeof f, 4, elsewhere, elsewhere + 4, &off) && off == 14);
}

/* The plan's first test, and its builds counted. */
static void
test_plan_touches(void)
{
    qos_plan_t *plan = preset(QOS_PRESET_SFB);
    unsigned gen = plan->generation;
    qos_match_t m;

    CHECK(gen > 0);
    CHECK(qos_plan_touches(plan, QOS_UDP, 50020, 80));
    CHECK(qos_plan_touches(plan, QOS_TCP, 443, 49200));
    CHECK(!qos_plan_touches(plan, QOS_UDP, 80, 443));
    qos_classify(plan, QOS_UDP, 80, 443, &m);
    CHECK(m.range == NULL); /* what it does not touch, it does not classify */
    plan = preset(QOS_PRESET_TEAMS);
    CHECK(plan->generation == gen + 1);
    CHECK(!qos_plan_touches(plan, QOS_UDP, 50020 + 40, 80) == !qos_plan_lookup(plan, QOS_UDP, QOS_CLIENT, 50060));
}

typedef struct {
    qos_flow_key_t key;
    int id;
} cached_t;

static void
test_flow_cache(void)
{
    static qos_flow_cache_t c;
    cached_t a, b, v6;
    qos_flow_key_t probe;
    unsigned p;

    memset(&a, 0, sizeof a);
    a.key.af = 4; a.key.transport = QOS_UDP; a.key.sport = 50020; a.key.dport = 49200;
    a.key.src[0] = 10; a.key.src[3] = 1; a.key.dst[0] = 10; a.key.dst[3] = 2;
    a.id = 1;
    qos_flow_cache_clear(&c);
    CHECK(qos_flow_cache_find(&c, &a.key) == NULL);
    qos_flow_cache_put(&c, &a);
    probe = a.key;
    CHECK(qos_flow_cache_find(&c, &probe) == &a);
    /* the reverse direction is another flow */
    probe.sport = a.key.dport;
    probe.dport = a.key.sport;
    CHECK(qos_flow_cache_find(&c, &probe) == NULL);
    /* another key of the same slot takes it over */
    b = a;
    b.id = 2;
    for (p = 1; p < 65536; p++) {
        b.key.sport = (uint16_t)(a.key.sport + p);
        if (qos_flow_cache_index(&b.key) == qos_flow_cache_index(&a.key))
            break;
    }
    CHECK(qos_flow_cache_index(&b.key) == qos_flow_cache_index(&a.key) && b.key.sport != a.key.sport);
    qos_flow_cache_put(&c, &b);
    CHECK(qos_flow_cache_find(&c, &b.key) == &b);
    CHECK(qos_flow_cache_find(&c, &a.key) == NULL);
    /* a hit is the whole key: IPv6 addresses that differ where the slot is
     * not computed from share the slot, not the entry */
    memset(&v6, 0, sizeof v6);
    v6.key.af = 6; v6.key.transport = QOS_TCP; v6.key.sport = 443; v6.key.dport = 50000;
    v6.key.src[0] = 0x20; v6.key.src[15] = 1; v6.key.dst[0] = 0x20; v6.key.dst[15] = 2;
    qos_flow_cache_put(&c, &v6);
    probe = v6.key;
    probe.src[7] = 9;
    CHECK(qos_flow_cache_index(&probe) == qos_flow_cache_index(&v6.key));
    CHECK(qos_flow_cache_find(&c, &probe) == NULL);
    CHECK(qos_flow_cache_find(&c, &v6.key) == &v6);
    qos_flow_cache_clear(&c);
    CHECK(qos_flow_cache_find(&c, &v6.key) == NULL && qos_flow_cache_find(&c, &b.key) == NULL);
}

int
main(void)
{
    test_ip_header_in_place();
    test_observed_update();
    test_plan_touches();
    test_flow_cache();
    test_find_dscp();
    test_sfb_lookup();
    test_classify_sender_and_receiver();
    test_signalling_ports();
    test_vbss();
    test_flow_copies();
    test_presets();
    test_overlaps_and_user_entries();
    test_many_overlapping_entries();
    test_flow();
    return check_summary();
}
