/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_FAULT_CONSOLE (gp_fault_console_get_type ())

G_DECLARE_FINAL_TYPE (GpFaultConsole, gp_fault_console, GP, FAULT_CONSOLE, AdwBin)

/* Training: every failure the flow defines for the current step, with its cause and
 * symptom, to inject ("session.inject-failure") or clear ("session.clear-failure").
 * Shown only in training sessions; everything is read from the session. */
GtkWidget *gp_fault_console_new         (void);
void       gp_fault_console_set_session (GpFaultConsole *self,
                                         GpSession      *session);
void       gp_fault_console_update      (GpFaultConsole *self);
/* Returns: (transfer none): the expander row listing the step's failures */
GtkWidget *gp_fault_console_get_expander (GpFaultConsole *self);

G_END_DECLS
