/* cert_scope.h
 * Which TLS connections' certificates ucdiag judges, and against which
 * name: UC connections only, unless the user asks for every one. No epan
 * header, so it is unit-tested alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CERT_SCOPE_H
#define CERT_SCOPE_H

#include <stdbool.h>
#include <stdint.h>

/* Values 0 to 5, in order, so that a value_string can name them. */
typedef enum {
    CERT_SCOPE_NONE = 0,
    CERT_SCOPE_SIP_TLS = 1,     /* SIP over TLS and server-to-server MTLS: 5061 */
    CERT_SCOPE_EDGE = 2,        /* the Edge's internal MTLS port: 5062 */
    CERT_SCOPE_PROVISIONING = 3,/* a phone's Certificate Provisioning host, from option 43 */
    CERT_SCOPE_M365 = 4,        /* a Microsoft 365 UC name by SNI */
    CERT_SCOPE_ALL = 5          /* any TLS: the preference */
} cert_scope_t;

#define CERT_PORT_SIP_TLS 5061
#define CERT_PORT_EDGE_MTLS 5062

/* Is sni (lower case) one of Microsoft 365's Teams or Skype for Business
 * Online names: a name under lync.com, teams.microsoft.com,
 * teams.cloud.microsoft, skype.com or skypeforbusiness.com? */
bool cert_sni_is_m365_uc(const char *sni);

/* Is host an IPv4 or IPv6 address literal rather than a DNS name? A
 * certificate names addresses apart (iPAddress entries), and SNI never
 * carries one (RFC 6066 3). */
bool cert_host_is_address(const char *host);

/* The connection's scope, the first that applies in the order above.
 * `told_host`: the server is a provisioning host a phone was given. */
cert_scope_t cert_scope_of(uint16_t server_port, const char *sni, bool told_host, bool all_tls);

#endif /* CERT_SCOPE_H */
