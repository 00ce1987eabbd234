/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-scenario.h>

G_BEGIN_DECLS

/* The score of one scenario played (docs/scenario-format.md, "Scoring"): one item per
 * piece of expected practice (its points given or not, and why), then the deductions the
 * scenario's rules make (time over the limit, hints used, a wrong recovery, an offer at the
 * wrong moment, an escalation too early; a missing escalation is the escalate-when-limit
 * practice not given).  Every point given or lost is an item that says why, so the items
 * add up to the total (which is never below 0). */

#define GP_TYPE_TRAINING_SCORE_ITEM (gp_training_score_item_get_type ())
G_DECLARE_FINAL_TYPE (GpTrainingScoreItem, gp_training_score_item, GP, TRAINING_SCORE_ITEM, GObject)

/* Returns: the expected practice's id, or the deduction's name ("time", "hints",
 * "wrong-recovery", "offer-moment", "escalation") */
const char *gp_training_score_item_get_id          (GpTrainingScoreItem *self);
/* A short title: "Explain why a new password is needed" */
const char *gp_training_score_item_get_title       (GpTrainingScoreItem *self);
/* Why the points were given or lost, with times: "Shown at 02:14, on step “Set a new
 * password”, before moving on." */
const char *gp_training_score_item_get_explanation (GpTrainingScoreItem *self);
/* Points given (0 … possible) for practice; a negative number for a deduction. */
int         gp_training_score_item_get_points      (GpTrainingScoreItem *self);
/* Returns: the most this item could give (0 for deductions) */
guint       gp_training_score_item_get_possible    (GpTrainingScoreItem *self);
/* Returns: (nullable): the D4 reference ("2.4", "5b") */
const char *gp_training_score_item_get_criterion   (GpTrainingScoreItem *self);
/* Returns: the seq of the event that shows it, 0 when none does */
guint64     gp_training_score_item_get_seq         (GpTrainingScoreItem *self);

#define GP_TYPE_TRAINING_SCORE (gp_training_score_get_type ())
G_DECLARE_FINAL_TYPE (GpTrainingScore, gp_training_score, GP, TRAINING_SCORE, GObject)

/* Scores the events of one session (element-type GpEvent, in order, as
 * gp_session_get_events() gives them) against @scenario.  Pure: the same events always
 * give the same score.  While the session runs (no `ended` event yet) practice still
 * possible is "not yet" (0 points, said so) rather than "missed". */
GpTrainingScore *gp_training_score_compute      (GpScenario      *scenario,
                                                 GpFlow          *flow,
                                                 GListModel      *events);
/* Returns: the sum of the items, never below 0 */
int              gp_training_score_get_total    (GpTrainingScore *self);
/* Returns: the scenario's total points (gp_scenario_get_total_points()) */
guint            gp_training_score_get_possible (GpTrainingScore *self);
/* Returns: (transfer none): the items (element-type GpTrainingScoreItem), practice in the
 * scenario's order first, then the deductions */
GListModel      *gp_training_score_get_items    (GpTrainingScore *self);
/* Returns: (transfer full): the score as JSON ({total, possible, items: [...]}) */
JsonNode        *gp_training_score_to_json      (GpTrainingScore *self);

G_END_DECLS
