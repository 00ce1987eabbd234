/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_STEP_VIEW (gp_step_view_get_type ())

G_DECLARE_FINAL_TYPE (GpStepView, gp_step_view, GP, STEP_VIEW, AdwBin)

/* The current step of a session: mock screen, instruction, why, talk track, hints,
 * progress, navigation, identity checks, failures and the offer banner. */
GtkWidget  *gp_step_view_new            (void);
void        gp_step_view_set_session    (GpStepView *self,
                                         GpSession  *session);
/* Re-reads everything from the session. */
void        gp_step_view_update         (GpStepView *self);
void        gp_step_view_toggle_failures (GpStepView *self);
/* Training: the customer card and, in practice, the feedback of the scenario played
 * (NULL: none).  The trainee explains each step's why by choice, so it shows on request. */
void        gp_step_view_set_training_run (GpStepView    *self,
                                           GpTrainingRun *run);
/* Returns: (transfer none) (nullable): the offer the banner shows, and where */
GpOffer    *gp_step_view_get_shown_offer (GpStepView *self,
                                          const char **step_id);

/* Co-browse: highlights @element_id on @step_id's mock screen while that step shows
 * (NULLs: nothing); while pointing, a click on an element activates "session.point". */
void        gp_step_view_set_pointed    (GpStepView *self,
                                         const char *step_id,
                                         const char *element_id);
void        gp_step_view_set_pointing   (GpStepView *self,
                                         gboolean    pointing);

G_END_DECLS
