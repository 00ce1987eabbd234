/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_INTAKE_PAGE (gp_intake_page_get_type ())

G_DECLARE_FINAL_TYPE (GpIntakePage, gp_intake_page, GP, INTAKE_PAGE, AdwBin)

typedef enum {
  GP_TRY_AGAIN_NOT_OFFERED,
  GP_TRY_AGAIN_DECLINED,
  GP_TRY_AGAIN_ACCEPTED,
  GP_TRY_AGAIN_OFFERED,     /* to a scripted customer, who answers for themselves */
} GpTryAgainAnswer;

/* Before a session (unit D4 1.2–1.5): mode, goal, familiarity, the offer to try the
 * online route once more, the agreed problem and the plan. */
GtkWidget        *gp_intake_page_new                (void);
void              gp_intake_page_set_flow           (GpIntakePage  *self,
                                                     GpFlow        *flow,
                                                     const char    *goal,
                                                     GpSessionMode  mode);
/* Training: the intake of a scenario played as @run, filled in from its customer, with
 * the customer card; the mode stays Training and the try-again offer is only made (the
 * scripted customer answers).  gp_intake_page_set_flow() forgets the scenario. */
void              gp_intake_page_set_scenario       (GpIntakePage  *self,
                                                     GpScenario    *scenario,
                                                     GpScenarioRun  run);
GpSessionMode     gp_intake_page_get_mode           (GpIntakePage  *self);
GpFamiliarity     gp_intake_page_get_familiarity    (GpIntakePage  *self);
GpTryAgainAnswer  gp_intake_page_get_try_again      (GpIntakePage  *self);
const char       *gp_intake_page_get_goal           (GpIntakePage  *self);
const char       *gp_intake_page_get_agreed_problem (GpIntakePage  *self);

G_END_DECLS
