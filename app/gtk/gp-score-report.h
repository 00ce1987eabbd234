/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_SCORE_REPORT (gp_score_report_get_type ())

G_DECLARE_FINAL_TYPE (GpScoreReport, gp_score_report, GP, SCORE_REPORT, AdwBin)

/* Training: the score of a scenario played, "27 of 35", then every item with its points
 * (+5, 0, −2), why, and its unit D4 reference: the practice first, then the deductions.
 * "report.copy" puts the report on the clipboard as text. */
GtkWidget  *gp_score_report_new       (void);
/* @score: (nullable) */
void        gp_score_report_set_score (GpScoreReport   *self,
                                       GpTrainingScore *score);
/* Returns: (transfer none) (nullable) */
GpTrainingScore *gp_score_report_get_score (GpScoreReport *self);
/* Returns: the total as shown, "27 of 35" */
const char *gp_score_report_get_total_text (GpScoreReport *self);
/* Returns: (transfer full): the report as plain text */
char       *gp_score_report_to_text   (GpScoreReport   *self);

G_END_DECLS
