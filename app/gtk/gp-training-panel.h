/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_TRAINING_PANEL (gp_training_panel_get_type ())

G_DECLARE_FINAL_TYPE (GpTrainingPanel, gp_training_panel, GP, TRAINING_PANEL, AdwBin)

/* Training: in practice, the score so far and the run's feedback, newest first (the
 * newest in view, older ones folded); in an assessment, only that nothing is said until
 * the end.  Everything is read from the GpTrainingRun. */
GtkWidget *gp_training_panel_new       (void);
void       gp_training_panel_set_run   (GpTrainingPanel *self,
                                        GpTrainingRun   *run);
/* Returns: how many feedback rows the panel shows */
guint      gp_training_panel_get_n_rows (GpTrainingPanel *self);
/* Returns: the "Score so far" text, NULL when none is shown */
const char *gp_training_panel_get_score_text (GpTrainingPanel *self);

G_END_DECLS
