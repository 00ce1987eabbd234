/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `guidepost --host FLOW`: hosts an assisted session of FLOW (a flow id of the library or
 * a flow file) without a display, printing what happens as JSON lines on stdout and
 * carrying out the JSON commands of stdin as the agent; see docs/protocol.md.
 * @address, @port_text, @relay, @goal, @problem: (nullable).
 * Returns: the exit status: 0 when stdin closed or on SIGTERM/SIGINT, 1 when it cannot
 * host or the flow file is invalid, 2 on a usage error */
int gp_command_host_run (const char *flow_name,
                         const char *address,
                         const char *port_text,
                         const char *relay,
                         gboolean    admit_all,
                         const char *goal,
                         const char *problem);

G_END_DECLS
