/* plugin.c
 * The symbols Wireshark's plugin loader looks for, and the list of
 * dissectors this plugin registers.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <ws_version.h>
#include <epan/proto.h>

#include "packet-msuc.h"
#include "packet-ucdiag.h"

#ifdef UCD_HAVE_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

/* The loader refuses a plugin whose wanted major.minor differs from its own,
 * so these come from the headers we were compiled against. */
WS_DLL_PUBLIC_DEF const gchar plugin_version[] = UCDIAG_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#ifdef UCD_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif

void
plugin_register(void)
{
    static proto_plugin msuc_plugin, ucdiag_plugin;

    msuc_plugin.register_protoinfo = proto_register_msuc;
    msuc_plugin.register_handoff = proto_reg_handoff_msuc;
    proto_register_plugin(&msuc_plugin);
    ucdiag_plugin.register_protoinfo = proto_register_ucdiag;
    ucdiag_plugin.register_handoff = proto_reg_handoff_ucdiag;
    proto_register_plugin(&ucdiag_plugin);
}

#ifdef UCD_HAVE_PLUGIN_DESCRIBE
/* Without it `tshark -G plugins` lists the type as "unknown" (4.4 on). */
uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif
