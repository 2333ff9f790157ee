/* cert_scope.c
 * Which TLS connections' certificates are judged; see cert_scope.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cert_scope.h"

#include <string.h>

/* Microsoft's published endpoints for Teams and Skype for Business Online
 * signalling, conferencing and media relays (Office 365 URLs, the "Skype for
 * Business Online and Microsoft Teams" service area). */
static const char *const m365_uc_domains[] = {
    "lync.com", "teams.microsoft.com", "teams.cloud.microsoft", "skype.com", "skypeforbusiness.com",
};

/* Is name the domain itself or a name under it? */
static bool
under_domain(const char *name, const char *domain)
{
    size_t n = strlen(name), d = strlen(domain);

    if (n == d)
        return strcmp(name, domain) == 0;
    return n > d && name[n - d - 1] == '.' && strcmp(name + n - d, domain) == 0;
}

bool
cert_sni_is_m365_uc(const char *sni)
{
    size_t i;

    if (!sni || !*sni)
        return false;
    for (i = 0; i < sizeof m365_uc_domains / sizeof m365_uc_domains[0]; i++)
        if (under_domain(sni, m365_uc_domains[i]))
            return true;
    return false;
}

bool
cert_host_is_address(const char *host)
{
    bool colon = false, letter = false;
    const char *p;

    if (!host || !*host)
        return false;
    for (p = host; *p; p++) {
        if (*p == ':')
            colon = true;
        else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            letter = true;
        else if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == '[' || *p == ']'))
            return false;
    }
    /* IPv6 has colons (its hex letters are fine); a name without a colon
     * and without a letter is dotted digits: IPv4. */
    return colon || !letter;
}

cert_scope_t
cert_scope_of(uint16_t server_port, const char *sni, bool told_host, bool all_tls)
{
    if (server_port == CERT_PORT_SIP_TLS)
        return CERT_SCOPE_SIP_TLS;
    if (server_port == CERT_PORT_EDGE_MTLS)
        return CERT_SCOPE_EDGE;
    if (told_host)
        return CERT_SCOPE_PROVISIONING;
    if (cert_sni_is_m365_uc(sni))
        return CERT_SCOPE_M365;
    return all_tls ? CERT_SCOPE_ALL : CERT_SCOPE_NONE;
}
