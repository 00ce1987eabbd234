/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_SCENARIO_CHOOSER (gp_scenario_chooser_get_type ())

G_DECLARE_FINAL_TYPE (GpScenarioChooser, gp_scenario_chooser, GP, SCENARIO_CHOOSER, AdwWindow)

/* Training: the bundled scenarios whose flow @library has, each with its customer and
 * summary; "chooser.practice" and "chooser.assess" emit ::start (GpScenario *,
 * GpScenarioRun) for the one selected, and close the window. */
GtkWidget  *gp_scenario_chooser_new          (GtkWindow         *parent,
                                              GpFlowLibrary     *library);
/* Returns: the scenarios listed (element-type GpScenario) */
GListModel *gp_scenario_chooser_get_scenarios (GpScenarioChooser *self);
/* Selects the scenario with @id; FALSE when none is listed. */
gboolean    gp_scenario_chooser_select       (GpScenarioChooser *self,
                                              const char        *id);
/* Returns: (transfer none) (nullable) */
GpScenario *gp_scenario_chooser_get_selected (GpScenarioChooser *self);

G_END_DECLS
