/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_FLOW_LIBRARY (gp_flow_library_get_type ())

G_DECLARE_FINAL_TYPE (GpFlowLibrary, gp_flow_library, GP, FLOW_LIBRARY, GObject)

/* The flows a person can choose from, a GListModel of GpFlow sorted by title: one flow
 * per id, in the locale that best fits the user's languages.  Flows come from the bundled
 * GResource and from the user's folder, which is watched for changes. */

/* Bundled flows plus $XDG_DATA_HOME/guidepost/flows, the user's languages. */
GpFlowLibrary *gp_flow_library_new             (void);
/* @resource_path and @user_dir may each be NULL (no such source). */
GpFlowLibrary *gp_flow_library_new_for_sources (const char          *resource_path,
                                                GFile               *user_dir);
/* Override g_get_language_names(), e.g. { "cy_GB", "cy", "C", NULL }, for tests. */
void           gp_flow_library_set_languages   (GpFlowLibrary       *self,
                                                const char * const  *languages);
/* Re-reads every source now (it also happens by itself when the user folder changes). */
void           gp_flow_library_reload          (GpFlowLibrary       *self);
/* Returns: (transfer none): GpDiagnostic for each file that could not be used */
GListModel    *gp_flow_library_get_problems    (GpFlowLibrary       *self);
/* Returns: (transfer none) (nullable) */
GpFlow        *gp_flow_library_lookup          (GpFlowLibrary       *self,
                                                const char          *id);
/* Returns: (transfer full): the flows matching the customer's words, best first */
GListModel    *gp_flow_library_search          (GpFlowLibrary       *self,
                                                const char          *query);
/* Returns: a rank for @flow against @query, 0 for no match (what search sorts by) */
double         gp_flow_match_score             (GpFlow              *flow,
                                                const char          *query);

G_END_DECLS
