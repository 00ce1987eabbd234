/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_COMPLAINT_DIALOG (gp_complaint_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GpComplaintDialog, gp_complaint_dialog, GP, COMPLAINT_DIALOG, AdwMessageDialog)

/* A complaint in the customer's words and its priority.  Responds "log" or "cancel". */
GtkWidget  *gp_complaint_dialog_new          (GtkWindow         *parent);
/* Returns: (transfer full) */
char       *gp_complaint_dialog_get_text     (GpComplaintDialog *self);
void        gp_complaint_dialog_set_text     (GpComplaintDialog *self,
                                              const char        *text);
GpPriority  gp_complaint_dialog_get_priority (GpComplaintDialog *self);

G_END_DECLS
