/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-training-score.h>
#include <guidepost/gp-training-run.h>

G_BEGIN_DECLS

/* How a score item stands: practice shown, missed or still possible; or a deduction. */
typedef enum {
  GP_SCORE_ITEM_GIVEN,
  GP_SCORE_ITEM_MISSED,
  GP_SCORE_ITEM_NOT_YET,
  GP_SCORE_ITEM_DEDUCTION,
} GpScoreItemStatus;

GpTrainingScoreItem *gp_training_score_item_new        (const char        *id,
                                                        const char        *title,
                                                        const char        *explanation,
                                                        int                points,
                                                        guint              possible,
                                                        const char        *criterion,
                                                        guint64            seq,
                                                        GpScoreItemStatus  status);
GpScoreItemStatus    gp_training_score_item_get_status (GpTrainingScoreItem *self);
/* "given", "missed", "not-yet", "deduction" (the score's JSON) */
const char          *gp_score_item_status_to_string    (GpScoreItemStatus  status);

GpTrainingFeedback  *gp_training_feedback_new          (GpTrainingFeedbackKind  kind,
                                                        const char             *text,
                                                        const char             *criterion,
                                                        guint64                 seq);

G_END_DECLS
