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
/* Co-browse: the element someone points at (@element_id NULL: none), a second highlight. */
void       gp_mock_screen_set_pointed  (GpMockScreen *self,
                                        const char   *element_id);
/* Returns: (transfer none) (nullable): the pointed element's widget */
GtkWidget *gp_mock_screen_get_pointed  (GpMockScreen *self);
/* While pointing, clicking an element emits ::element-picked with its id. */
void       gp_mock_screen_set_pointing (GpMockScreen *self,
                                        gboolean      pointing);
/* What a click on @element_id does while pointing.  Returns: FALSE when not pointing */
gboolean   gp_mock_screen_pick_element (GpMockScreen *self,
                                        const char   *element_id);

/* Training: shows @failure (nullable) as the customer would see it: a banner with its
 * symptom (role alert, CSS class "injected-failure") and, when the system caused it, a
 * greyed-out page ("failure-dimmed"). */
void       gp_mock_screen_set_failure  (GpMockScreen *self,
                                        GpFailure    *failure);
/* Returns: (transfer none) (nullable): the banner while a failure shows */
GtkWidget *gp_mock_screen_get_failure_banner (GpMockScreen *self);

G_END_DECLS
