/* Unit tests of the pure option-43 logic (vendor classes, sub-option checks,
 * option 120); no libwireshark involved. The DHCP message and its TLV walk
 * are tested in test_dhcp_reader.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "msuc_logic.h"
#include "check.h"
#include "samples.h"


#define S(lit) (const uint8_t *)(lit), (sizeof(lit) - 1)


static void
test_identifies(void)
{
    const uint8_t reversed[] = { 0x04, 0x03, '4', '4', '3', 0x01, 0x0C, 'M', 'S', '-', 'U', 'C', '-', 'C',
                                 'l', 'i', 'e', 'n', 't', 0xFF };
    const uint8_t with_nul[] = { 0x01, 0x0D, 'M', 'S', '-', 'U', 'C', '-', 'C', 'l', 'i', 'e', 'n', 't', 0 };
    const uint8_t other_case[] = { 0x01, 0x0C, 'm', 's', '-', 'u', 'c', '-', 'c', 'l', 'i', 'e', 'n', 't' };
    const uint8_t longer[] = { 0x01, 0x0D, 'M', 'S', '-', 'U', 'C', '-', 'C', 'l', 'i', 'e', 'n', 't', 'X' };
    const uint8_t pxe[] = { 0x06, 0x01, 0x08, 0xFF };

    CHECK(msuc_payload_identifies(dhcputil_90, sizeof dhcputil_90));
    CHECK(msuc_payload_identifies(reversed, sizeof reversed));
    CHECK(msuc_payload_identifies(with_nul, sizeof with_nul));
    CHECK(!msuc_payload_identifies(other_case, sizeof other_case));
    CHECK(!msuc_payload_identifies(longer, sizeof longer));
    CHECK(!msuc_payload_identifies(pxe, sizeof pxe));
    CHECK(!msuc_payload_identifies(dhcputil_90, 10)); /* sub-option 1 itself cut */
}

static void
test_vendor_kind(void)
{
    CHECK(vendor_kind_of(S("MS-UC-Client")) == VENDOR_MS_UC_CLIENT);
    CHECK(vendor_kind_of(S("ms-uc-client")) == VENDOR_UNKNOWN);
    CHECK(vendor_kind_of(S("MSFT 5.0")) == VENDOR_MSFT);
    CHECK(vendor_kind_of(S("MSFT 98")) == VENDOR_MSFT);
    CHECK(vendor_kind_of(S("MSFT 5.0 XBOX")) == VENDOR_MSFT);
    CHECK(vendor_kind_of(S("MSFT 5.")) == VENDOR_UNKNOWN);
    CHECK(vendor_kind_of(S("CPE-OCPhone")) == VENDOR_CPE_OCPHONE);
    CHECK(vendor_kind_of(S("PXEClient:Arch:00000")) == VENDOR_UNKNOWN);
}

static void
test_port(void)
{
    uint32_t port = 0;

    CHECK(msuc_port_check(S("443"), &port) == PORT_OK && port == 443);
    CHECK(msuc_port_check(S("65535"), &port) == PORT_OK && port == 65535);
    CHECK(msuc_port_check(S("65536"), &port) == PORT_OUT_OF_RANGE);
    CHECK(msuc_port_check(S("0"), &port) == PORT_OUT_OF_RANGE);
    CHECK(msuc_port_check(S("99999999999999999999"), &port) == PORT_OUT_OF_RANGE);
    CHECK(msuc_port_check(S(""), &port) == PORT_EMPTY);
    CHECK(msuc_port_check(S("44 3"), &port) == PORT_NOT_DIGITS);
    CHECK(msuc_port_check((const uint8_t *)"\x01\xbb", 2, &port) == PORT_NOT_DIGITS);
}

static void
test_scheme_path(void)
{
    CHECK(msuc_scheme_check(S("https")) == SCHEME_HTTPS);
    CHECK(msuc_scheme_check(S("http")) == SCHEME_HTTP);
    CHECK(msuc_scheme_check(S("HTTPS")) == SCHEME_CASE);
    CHECK(msuc_scheme_check(S("ftp")) == SCHEME_INVALID);
    CHECK(msuc_scheme_check(S("https:")) == SCHEME_INVALID);

    CHECK(msuc_path_check(S(MSUC_STD_PATH)) == PATH_OK);
    CHECK(msuc_path_is_standard(S(MSUC_STD_PATH)));
    CHECK(!msuc_path_is_standard(S("/CertProv/CertProvisioningService.sv")));
    CHECK(msuc_path_check(S("CertProv/CertProvisioningService.svc")) == PATH_NO_LEADING_SLASH);
    CHECK(msuc_path_check(S("/Cert Prov")) == PATH_BAD_CHAR);
    CHECK(msuc_path_check(S("")) == PATH_EMPTY);
    CHECK(strstr(msuc_cut_effect(MSUC_SUB_CERT_PROV_PATH), "URL") != NULL);
    CHECK(strstr(msuc_cut_effect(MSUC_SUB_URL_SCHEME), "URL") != NULL);
    CHECK(strstr(msuc_cut_effect(MSUC_SUB_UC_IDENTIFIER), "URL") == NULL);
    CHECK(strstr(msuc_cut_effect(9), "URL") == NULL);
    CHECK(msuc_path_ends_svc(S("/x/Service.SVC")));
    CHECK(!msuc_path_ends_svc(S("/CertProv/CertProvisioningSer")));
}

static void
test_host(void)
{
    size_t at;
    char label64[80], long_name[300];

    CHECK(msuc_host_check(S("pool.contoso.com"), &at) == HOST_OK);
    CHECK(msuc_host_check(S("pool.contoso.com."), &at) == HOST_OK);
    CHECK(msuc_host_check(S("pool01-a.contoso.com"), &at) == HOST_OK);
    CHECK(msuc_host_check(S("pool_01.contoso.com"), &at) == HOST_BAD_CHAR && at == 4);
    CHECK(msuc_host_check(S("pool..contoso.com"), &at) == HOST_EMPTY_LABEL && at == 5);
    CHECK(msuc_host_check(S(".pool"), &at) == HOST_EMPTY_LABEL && at == 0);
    CHECK(msuc_host_check(S("-pool.com"), &at) == HOST_HYPHEN_EDGE);
    CHECK(msuc_host_check(S("pool-.com"), &at) == HOST_HYPHEN_EDGE && at == 4);
    CHECK(msuc_host_check(S(""), &at) == HOST_EMPTY);
    memset(label64, 'a', 64);
    memcpy(label64 + 64, ".com", 4);
    CHECK(msuc_host_check((const uint8_t *)label64, 68, &at) == HOST_LABEL_TOO_LONG);
    CHECK(msuc_host_check((const uint8_t *)label64 + 1, 67, &at) == HOST_OK);
    memset(long_name, 'a', sizeof long_name);
    for (at = 50; at < sizeof long_name; at += 51)
        long_name[at] = '.';
    CHECK(msuc_host_check((const uint8_t *)long_name, 254, &at) == HOST_TOO_LONG);
    CHECK(msuc_host_check((const uint8_t *)long_name, 253, &at) == HOST_OK);
}

static void
test_text_scan(void)
{
    text_scan_t ts;

    text_scan(S("https"), &ts);
    CHECK(ts.text_len == 5 && ts.nul_count == 0 && ts.nonprint_count == 0);
    text_scan((const uint8_t *)"https\0", 6, &ts);
    CHECK(ts.text_len == 5 && ts.nul_count == 1 && ts.only_trailing_nuls);
    text_scan((const uint8_t *)"h\0t\0t\0p\0", 8, &ts); /* UTF-16LE */
    CHECK(ts.text_len == 1 && ts.nul_count == 4 && !ts.only_trailing_nuls);
    text_scan((const uint8_t *)"ab\x7f", 3, &ts);
    CHECK(ts.nonprint_count == 1 && ts.nul_count == 0);
}

static void
test_url(void)
{
    char url[256];
    size_t n;

    n = msuc_build_url(url, sizeof url, S("https"), S("pool.contoso.com"), S("443"), S(MSUC_STD_PATH));
    CHECK(strcmp(url, "https://pool.contoso.com:443/CertProv/CertProvisioningService.svc") == 0);
    CHECK(n == strlen(url));
    /* NUL ends a component; other bytes are percent-encoded. */
    msuc_build_url(url, sizeof url, (const uint8_t *)"https\0", 6, S("a\x01" "b"), S("443"), S("/p q\xbb"));
    CHECK(strcmp(url, "https://a%01b:443/p%20q%BB") == 0);
    /* Cut to fit, always terminated. */
    n = msuc_build_url(url, 10, S("https"), S("pool.contoso.com"), S("443"), S("/p"));
    CHECK(n == 9 && strlen(url) == 9 && memcmp(url, "https://p", 9) == 0);
    /* An escape that does not fit ends its component only: a later one
     * still takes what fits. */
    n = msuc_build_url(url, 12, S("https"), S("\x01" "b"), S("443"), S("/p"));
    CHECK(n == 11 && strcmp(url, "https://%01") == 0);
    n = msuc_build_url(url, 11, S("https"), S("\x01" "b"), S("443"), S("/p"));
    CHECK(n == 10 && strcmp(url, "https://:4") == 0);
}

/* Every byte value at every place of a word and its neighbours: escaped or
 * kept as a byte-by-byte reading would, and a NUL ends the component. */
static void
test_url_bytes(void)
{
    static const char hex[] = "0123456789ABCDEF";
    uint8_t host[19];
    char url[128], want[128];
    unsigned b, at, i, w;

    for (b = 0; b < 256; b++) {
        for (at = 0; at < sizeof host; at++) {
            memset(host, 'a', sizeof host);
            host[at] = (uint8_t)b;
            w = (unsigned)strlen(strcpy(want, "https://"));
            for (i = 0; i < sizeof host && host[i]; i++) {
                if (host[i] > 0x20 && host[i] < 0x7f) {
                    want[w++] = (char)host[i];
                } else {
                    want[w++] = '%';
                    want[w++] = hex[host[i] >> 4];
                    want[w++] = hex[host[i] & 0xf];
                }
            }
            strcpy(want + w, ":443");
            msuc_build_url(url, sizeof url, S("https"), host, sizeof host, S("443"), S(""));
            if (strcmp(url, want) != 0) {
                CHECK(strcmp(url, want) == 0);
                return;
            }
        }
    }
    CHECK(1);
}

static void
test_url_site(void)
{
    char url[256];
    size_t n, site;

    n = msuc_build_url_site(url, sizeof url, S("https"), S("pool.contoso.com"), S("4443"), S(MSUC_STD_PATH),
                            &site);
    CHECK(n == strlen(url) && site == strlen("https://pool.contoso.com:4443"));
    CHECK(memcmp(url, "https://pool.contoso.com:4443/CertProv/", site + 1) == 0);
    n = msuc_build_url_site(url, sizeof url, S("https"), S("a b"), S("443"), S(""), &site);
    CHECK(n == site && strcmp(url, "https://a%20b:443") == 0);
}

static void
test_opt120(void)
{
    opt120_info_t i;
    const uint8_t one[] = { 0, 4, 'p', 'o', 'o', 'l', 7, 'c', 'o', 'n', 't', 'o', 's', 'o', 3, 'c', 'o', 'm', 0 };
    const uint8_t two[] = { 0, 1, 'a', 0, 1, 'b', 0 };
    const uint8_t ips[] = { 1, 10, 0, 0, 1, 10, 0, 0, 2 };
    const uint8_t bad_label[] = { 0, 70, 'a', 'b', 0 };
    const uint8_t unterminated[] = { 0, 1, 'a' };
    const uint8_t pointer[] = { 0, 0xC0, 0x0C };

    opt120_check(one, sizeof one, &i);
    CHECK(i.status == OPT120_OK && i.names == 1);
    opt120_check(two, sizeof two, &i);
    CHECK(i.status == OPT120_OK && i.names == 2);
    opt120_check(ips, sizeof ips, &i);
    CHECK(i.status == OPT120_IP_LIST && i.names == 2);
    opt120_check(ips, 4, &i);
    CHECK(i.status == OPT120_MALFORMED);
    opt120_check(bad_label, sizeof bad_label, &i);
    CHECK(i.status == OPT120_MALFORMED && i.bad_offset == 1);
    opt120_check(unterminated, sizeof unterminated, &i);
    CHECK(i.status == OPT120_MALFORMED);
    opt120_check(pointer, sizeof pointer, &i);
    CHECK(i.status == OPT120_MALFORMED);
    opt120_check((const uint8_t *)"\x02", 1, &i);
    CHECK(i.status == OPT120_BAD_ENCODING);
    opt120_check((const uint8_t *)"", 0, &i);
    CHECK(i.status == OPT120_EMPTY);
}

static void
test_msft_cpe(void)
{
    uint32_t vlan = 0;

    CHECK(msft_netbios_value_known(0) && msft_netbios_value_known(2) && !msft_netbios_value_known(1));
    CHECK(msft_release_value_known(1) && !msft_release_value_known(2));
    CHECK(cpe_vlan_check((const uint8_t *)"\x00\x64", 2, &vlan) == VLAN_BINARY && vlan == 100);
    CHECK(cpe_vlan_check(S("200"), &vlan) == VLAN_ASCII && vlan == 200);
    CHECK(cpe_vlan_check(S("12"), &vlan) == VLAN_ASCII && vlan == 12); /* not 0x3132 */
    CHECK(cpe_vlan_check(S("5000"), &vlan) == VLAN_OUT_OF_RANGE);
    CHECK(cpe_vlan_check((const uint8_t *)"\x10\x00", 2, &vlan) == VLAN_OUT_OF_RANGE);
    CHECK(cpe_vlan_check(S("abc"), &vlan) == VLAN_BAD_ENCODING);
    CHECK(cpe_vlan_check((const uint8_t *)"\x00\x00\x64", 3, &vlan) == VLAN_BAD_ENCODING);
}

static void
test_uc_read(void)
{
    /* FQDN twice (the first counts), then the path cut by the option's end. */
    const uint8_t v[] = { 0x01, 0x0C, 'M', 'S', '-', 'U', 'C', '-', 'C', 'l', 'i', 'e', 'n', 't',
                          0x03, 0x01, 'a', 0x03, 0x01, 'b', 0x05, 0x09, '/', 'C' };
    msuc_uc_t uc;

    msuc_uc_read(v, sizeof v, &uc);
    CHECK(uc.val[MSUC_SUB_UC_IDENTIFIER] && uc.len[MSUC_SUB_UC_IDENTIFIER] == 12);
    CHECK(uc.whole[MSUC_SUB_WEB_SERVER_FQDN] && uc.len[MSUC_SUB_WEB_SERVER_FQDN] == 1 &&
          uc.val[MSUC_SUB_WEB_SERVER_FQDN][0] == 'a');
    CHECK(uc.val[MSUC_SUB_CERT_PROV_PATH] && !uc.whole[MSUC_SUB_CERT_PROV_PATH] &&
          uc.len[MSUC_SUB_CERT_PROV_PATH] == 2);
    CHECK(uc.cut && !uc.val[MSUC_SUB_URL_SCHEME] && !uc.val[MSUC_SUB_WEB_SERVER_PORT]);
    /* The Microsoft example value: all five, whole. */
    msuc_uc_read(dhcputil_90, sizeof dhcputil_90, &uc);
    CHECK(!uc.cut && uc.whole[1] && uc.whole[2] && uc.whole[3] && uc.whole[4] && uc.whole[5]);
    /* Nothing after End counts. */
    {
        const uint8_t after_end[] = { 0xFF, 0x03, 0x01, 'a' };
        msuc_uc_read(after_end, sizeof after_end, &uc);
        CHECK(!uc.val[MSUC_SUB_WEB_SERVER_FQDN]);
    }
}

int
main(void)
{
    test_uc_read();
    test_identifies();
    test_vendor_kind();
    test_port();
    test_scheme_path();
    test_host();
    test_text_scan();
    test_url();
    test_url_site();
    test_url_bytes();
    test_opt120();
    test_msft_cpe();
    return check_summary();
}
