/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_FAILURE_PANEL (gp_failure_panel_get_type ())

G_DECLARE_FINAL_TYPE (GpFailurePanel, gp_failure_panel, GP, FAILURE_PANEL, AdwBin)

/* "Something went wrong": the step's failures by symptom, found by the customer's
 * words, then the reported one's explanation, what to say and its recovery. */
GtkWidget *gp_failure_panel_new         (void);
void       gp_failure_panel_set_session (GpFailurePanel *self,
                                         GpSession      *session);
void       gp_failure_panel_update      (GpFailurePanel *self);
/* Returns: (transfer none) (nullable): the failure reported and not yet recovered from */
GpFailure *gp_failure_panel_get_open_failure (GpFailurePanel *self);
/* Returns: how many failures the search leaves visible */
guint      gp_failure_panel_get_n_visible (GpFailurePanel *self);
GtkWidget *gp_failure_panel_get_search_entry (GpFailurePanel *self);
void       gp_failure_panel_focus_recovery (GpFailurePanel *self);

G_END_DECLS
