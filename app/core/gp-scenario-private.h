/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-scenario.h>

G_BEGIN_DECLS

/* The loader fills these in; after gp_scenario_load_*() returns they never change. */

struct _GpScenarioCue
{
  GObject     parent_instance;
  guint       index;
  char       *step_id;
  double      after_seconds;
  char       *failure_id;
  char       *say;
  JsonObject *extensions;
  JsonObject *at_extensions;
};

struct _GpScenarioPractice
{
  GObject         parent_instance;
  guint           index;
  char           *id;
  GpPracticeKind  kind;
  char           *step_id;
  char           *offer_id;
  char           *failure_id;
  guint           points;
  char           *criterion;
  JsonObject     *extensions;
};

struct _GpScenario
{
  GObject        parent_instance;
  char          *format;
  char          *id;
  char          *version;
  char          *locale;
  char          *title;
  char          *summary;
  char          *flow_id;
  char          *flow_version;
  char          *persona_name;
  GpFamiliarity  persona_familiarity;
  GpMood         persona_mood;
  char          *persona_goal;
  GStrv          persona_has_at_hand;
  char          *persona_notes;
  GPtrArray     *cues;        /* GpScenarioCue */
  GPtrArray     *practices;   /* GpScenarioPractice */
  double         time_limit_minutes;
  gboolean       hints_allowed;
  char          *origin;
  JsonObject    *extensions;
  JsonObject    *flow_extensions;
  JsonObject    *persona_extensions;
  /* "replies": what the scripted customer answers; unset parts take the defaults */
  int            reply_try_again;     /* -1 unset, else FALSE or TRUE */
  GHashTable    *reply_offers;        /* offer id → GpOfferAnswer + 1 */
  guint          reply_score;         /* 0 unset */
  char          *reply_comment;
  JsonObject    *replies_extensions;
  JsonObject    *satisfaction_extensions;
};

GpScenario         *gp_scenario_new_empty          (void);
GpScenarioCue      *gp_scenario_cue_new_empty      (guint index);
GpScenarioPractice *gp_scenario_practice_new_empty (guint index);

G_END_DECLS
