/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_STEP (gp_step_get_type ())

G_DECLARE_FINAL_TYPE (GpStep, gp_step, GP, STEP, GObject)

const char         *gp_step_get_id                (GpStep *self);
/* Returns: the position in the flow's steps array (reading order) */
guint               gp_step_get_index             (GpStep *self);
GpStepKind          gp_step_get_kind              (GpStep *self);
const char         *gp_step_get_title             (GpStep *self);
/* Returns: TRUE when the step carries a mock screen */
gboolean            gp_step_has_screen            (GpStep *self);
const char         *gp_step_get_screen_heading    (GpStep *self);
guint               gp_step_get_n_elements        (GpStep *self);
GpScreenElement    *gp_step_get_element           (GpStep *self,
                                                   guint   index);
GpScreenElement    *gp_step_lookup_element        (GpStep *self,
                                                   const char *id);
const char         *gp_step_get_target_id         (GpStep *self);
const char         *gp_step_get_instruction       (GpStep *self);
const char         *gp_step_get_why               (GpStep *self);
const char         *gp_step_get_talk_new          (GpStep *self);
const char         *gp_step_get_talk_familiar     (GpStep *self);
const char * const *gp_step_get_hints             (GpStep *self);
guint               gp_step_get_n_hints           (GpStep *self);
/* Returns: seconds, or a negative number when the flow does not say */
double              gp_step_get_estimated_seconds (GpStep *self);
const char         *gp_step_get_next_id           (GpStep *self);
const char         *gp_step_get_question          (GpStep *self);
guint               gp_step_get_n_choices         (GpStep *self);
GpChoice           *gp_step_get_choice            (GpStep *self,
                                                   guint   index);
const char * const *gp_step_get_checks            (GpStep *self);
const char         *gp_step_get_on_fail_id        (GpStep *self);
guint               gp_step_get_n_failures        (GpStep *self);
GpFailure          *gp_step_get_failure           (GpStep *self,
                                                   guint   index);
GpFailure          *gp_step_lookup_failure        (GpStep *self,
                                                   const char *id);
guint               gp_step_get_n_offers          (GpStep *self);
GpOffer            *gp_step_get_offer             (GpStep *self,
                                                   guint   index);
GpOffer            *gp_step_lookup_offer          (GpStep *self,
                                                   const char *id);
GpOutcome           gp_step_get_outcome           (GpStep *self);
JsonObject         *gp_step_get_extensions        (GpStep *self);

G_END_DECLS
