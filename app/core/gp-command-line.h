/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The commands of the guidepost program that need no display. */

/* Returns: TRUE when @argv asks for a command handled here (--validate, --list,
 * --export-sessions, --evidence-report, --join, --host, --help) */
gboolean gp_command_line_handles (int    argc,
                                  char **argv);
/* Returns: the exit status: 0 success, 1 invalid input, 2 usage or unreadable */
int      gp_command_line_run     (int    argc,
                                  char **argv);

G_END_DECLS
