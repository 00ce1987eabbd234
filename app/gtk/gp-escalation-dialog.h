/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_ESCALATION_DIALOG (gp_escalation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GpEscalationDialog, gp_escalation_dialog, GP, ESCALATION_DIALOG, AdwMessageDialog)

/* Escalation: to whom, how urgent, why.  Responds "escalate" or "cancel". */
GtkWidget  *gp_escalation_dialog_new          (GtkWindow          *parent,
                                               const char         *to,
                                               GpPriority          priority,
                                               const char         *reason);
const char *gp_escalation_dialog_get_to       (GpEscalationDialog *self);
GpPriority  gp_escalation_dialog_get_priority (GpEscalationDialog *self);
/* Returns: (transfer full): the reason, without blank space before or after it; empty
 * when none was given. */
char       *gp_escalation_dialog_dup_reason   (GpEscalationDialog *self);
void        gp_escalation_dialog_set_reason   (GpEscalationDialog *self,
                                               const char         *reason);
void        gp_escalation_dialog_set_to       (GpEscalationDialog *self,
                                               const char         *to);

G_END_DECLS
