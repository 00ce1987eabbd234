/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_END_PAGE (gp_end_page_get_type ())

G_DECLARE_FINAL_TYPE (GpEndPage, gp_end_page, GP, END_PAGE, AdwBin)

/* The end of a session: outcome, what was done, the satisfaction question. */
GtkWidget  *gp_end_page_new           (void);
/* @outcome: what the session ends as when it has not ended yet */
void        gp_end_page_set_session   (GpEndPage  *self,
                                       GpSession  *session,
                                       GpOutcome   outcome);
void        gp_end_page_update        (GpEndPage  *self);
/* Training: the scripted customer's answer to the satisfaction question and, once the
 * session has ended, the score report of the scenario played (NULL: none). */
void        gp_end_page_set_training_run (GpEndPage     *self,
                                          GpTrainingRun *run);
/* Returns: the comment typed for the satisfaction question, "" when none */
const char *gp_end_page_get_comment   (GpEndPage  *self);

G_END_DECLS
