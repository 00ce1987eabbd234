/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_MOCK_SCREEN (gp_mock_screen_get_type ())

G_DECLARE_FINAL_TYPE (GpMockScreen, gp_mock_screen, GP, MOCK_SCREEN, AdwBin)

/* A step's screen as the customer sees it, drawn from the flow, with the element to
 * use now highlighted. */
GtkWidget *gp_mock_screen_new      (void);
void       gp_mock_screen_set_step (GpMockScreen *self,
                                    GpStep       *step);
/* Returns: (transfer none) (nullable): the highlighted element's widget */
GtkWidget *gp_mock_screen_get_target (GpMockScreen *self);

G_END_DECLS
