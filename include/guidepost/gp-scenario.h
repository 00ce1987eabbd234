/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <guidepost/gp-types.h>
#include <guidepost/gp-session.h>

G_BEGIN_DECLS

/* A training scenario ("guidepost-scenario/1", docs/scenario-format.md): a flow, a
 * scripted customer, the failures to inject and the good practice a trainee is scored on.
 * Immutable once returned by the loader. */

typedef enum {
  GP_MOOD_CALM,
  GP_MOOD_ANXIOUS,
  GP_MOOD_ANGRY,
  GP_MOOD_CONFUSED,
  GP_MOOD_IN_A_HURRY,
} GpMood;

typedef enum {
  GP_PRACTICE_OFFER_TRY_AGAIN,
  GP_PRACTICE_EXPLAIN_WHY,
  GP_PRACTICE_MAKE_OFFER,
  GP_PRACTICE_ESCALATE_WHEN_LIMIT,
  GP_PRACTICE_PASS_IDENTITY_CHECK,
  GP_PRACTICE_TAKE_RECOVERY,
  GP_PRACTICE_RECORD_SATISFACTION,
} GpPracticeKind;

/* The spellings used in scenario files ("in-a-hurry", "escalate-when-limit"). */
const char *gp_mood_to_string          (GpMood          mood);
const char *gp_practice_kind_to_string (GpPracticeKind  kind);

#define GP_SCENARIO_FORMAT "guidepost-scenario/1"

#define GP_TYPE_SCENARIO_CUE (gp_scenario_cue_get_type ())
G_DECLARE_FINAL_TYPE (GpScenarioCue, gp_scenario_cue, GP, SCENARIO_CUE, GObject)

/* One line of the script: a failure injected at a step, or after some seconds. */
guint        gp_scenario_cue_get_index         (GpScenarioCue *self);
/* Returns: (nullable): the step at which to inject, or %NULL for a timed cue */
const char  *gp_scenario_cue_get_step_id       (GpScenarioCue *self);
/* Returns: seconds after the start, or a negative number for a cue at a step */
double       gp_scenario_cue_get_after_seconds (GpScenarioCue *self);
const char  *gp_scenario_cue_get_failure_id    (GpScenarioCue *self);
/* Returns: (nullable): what the scripted customer says */
const char  *gp_scenario_cue_get_say           (GpScenarioCue *self);
JsonObject  *gp_scenario_cue_get_extensions    (GpScenarioCue *self);

#define GP_TYPE_SCENARIO_PRACTICE (gp_scenario_practice_get_type ())
G_DECLARE_FINAL_TYPE (GpScenarioPractice, gp_scenario_practice, GP, SCENARIO_PRACTICE, GObject)

/* One piece of good practice the trainee is expected to show, worth some points. */
guint           gp_scenario_practice_get_index      (GpScenarioPractice *self);
const char     *gp_scenario_practice_get_id         (GpScenarioPractice *self);
GpPracticeKind  gp_scenario_practice_get_kind       (GpScenarioPractice *self);
/* Returns: (nullable) */
const char     *gp_scenario_practice_get_step_id    (GpScenarioPractice *self);
/* Returns: (nullable) */
const char     *gp_scenario_practice_get_offer_id   (GpScenarioPractice *self);
/* Returns: (nullable) */
const char     *gp_scenario_practice_get_failure_id (GpScenarioPractice *self);
guint           gp_scenario_practice_get_points     (GpScenarioPractice *self);
/* Returns: a unit D4 criterion ("1.4") or evidence requirement ("5b") */
const char     *gp_scenario_practice_get_criterion  (GpScenarioPractice *self);
JsonObject     *gp_scenario_practice_get_extensions (GpScenarioPractice *self);

#define GP_TYPE_SCENARIO (gp_scenario_get_type ())
G_DECLARE_FINAL_TYPE (GpScenario, gp_scenario, GP, SCENARIO, GObject)

const char          *gp_scenario_get_id                   (GpScenario *self);
const char          *gp_scenario_get_version              (GpScenario *self);
const char          *gp_scenario_get_locale               (GpScenario *self);
const char          *gp_scenario_get_title                (GpScenario *self);
const char          *gp_scenario_get_summary              (GpScenario *self);
const char          *gp_scenario_get_flow_id              (GpScenario *self);
const char          *gp_scenario_get_flow_version         (GpScenario *self);
/* Returns: (nullable) */
const char          *gp_scenario_get_persona_name         (GpScenario *self);
GpFamiliarity        gp_scenario_get_persona_familiarity  (GpScenario *self);
GpMood               gp_scenario_get_persona_mood         (GpScenario *self);
const char          *gp_scenario_get_persona_goal         (GpScenario *self);
/* Returns: (array zero-terminated=1): possibly empty */
const char * const  *gp_scenario_get_persona_has_at_hand  (GpScenario *self);
/* Returns: (nullable) */
const char          *gp_scenario_get_persona_notes        (GpScenario *self);
guint                gp_scenario_get_n_cues               (GpScenario *self);
GpScenarioCue       *gp_scenario_get_cue                  (GpScenario *self,
                                                           guint       index);
guint                gp_scenario_get_n_practices          (GpScenario *self);
GpScenarioPractice  *gp_scenario_get_practice             (GpScenario *self,
                                                           guint       index);
GpScenarioPractice  *gp_scenario_lookup_practice          (GpScenario *self,
                                                           const char *id);
/* Returns: the sum of the expected practice's points */
guint                gp_scenario_get_total_points         (GpScenario *self);
/* Returns: minutes, or a negative number when the scenario sets no limit */
double               gp_scenario_get_time_limit_minutes   (GpScenario *self);
/* Returns: whether hints may be used (TRUE when the file does not say) */
gboolean             gp_scenario_get_hints_allowed        (GpScenario *self);
/* The scripted customer's replies ("replies"; docs/scenario-format.md gives the
 * defaults used when the file does not say): to the offer to try again online, to an
 * offer of the flow, and to the satisfaction question (1–5, and a comment or NULL). */
gboolean             gp_scenario_get_reply_try_again      (GpScenario *self);
GpOfferAnswer        gp_scenario_get_reply_offer          (GpScenario *self,
                                                           const char *offer_id);
guint                gp_scenario_get_reply_satisfaction   (GpScenario  *self,
                                                           const char **comment);
/* Where the scenario came from, for messages; may be NULL. */
const char          *gp_scenario_get_origin               (GpScenario *self);
JsonObject          *gp_scenario_get_extensions           (GpScenario *self);

/**
 * gp_scenario_load_bytes:
 * @file_name: (nullable): how to name the file in messages
 * @library: (nullable): when @flow is %NULL, where to look the scenario's flow up
 * @flow: (nullable): the flow to check the scenario against
 * @diagnostics: (nullable) (element-type GpDiagnostic): where to add every problem
 *
 * Reads a scenario, reporting every problem with a JSON pointer (or LINE:COL for syntax).
 * With a flow (given, or found in @library) the flow's id and version must match and every
 * step, failure and offer the scenario names must exist in it; with neither, references
 * are not checked.  Errors are in GP_FLOW_ERROR, as for flow files.
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL if it has errors
 */
GpScenario *gp_scenario_load_bytes (GBytes         *bytes,
                                    const char     *file_name,
                                    GpFlowLibrary  *library,
                                    GpFlow         *flow,
                                    GPtrArray      *diagnostics,
                                    GError        **error);
/* As gp_scenario_load_bytes(); @display_name may be NULL (the file's path). */
GpScenario *gp_scenario_load_file  (GFile          *file,
                                    const char     *display_name,
                                    GpFlowLibrary  *library,
                                    GpFlow         *flow,
                                    GCancellable   *cancellable,
                                    GPtrArray      *diagnostics,
                                    GError        **error);

/* Where the bundled scenarios are in the core's resources: "<id>.json" each. */
#define GP_BUNDLED_SCENARIOS_PATH "/io/guidepost/Guidepost/scenarios/"

/* The bundled scenario @id, checked against @flow (a session's flow).
 * Returns: (transfer full) (nullable): NULL with G_IO_ERROR_NOT_FOUND when no such
 * scenario is bundled, or the loader's error */
GpScenario *gp_scenario_load_bundled (const char     *id,
                                      GpFlow         *flow,
                                      GError        **error);

/* Returns: TRUE when @bytes is a JSON object whose "format" starts with "guidepost-scenario/"
 * (a cheap look, to tell scenario files from flow files) */
gboolean    gp_scenario_sniff      (GBytes         *bytes);

G_END_DECLS
