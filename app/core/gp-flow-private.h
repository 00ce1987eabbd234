/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/guidepost.h>

G_BEGIN_DECLS

/* The model objects are plain immutable records: the loader fills these structs and no
 * one changes them afterwards.  Only app/core sees them; everyone else uses getters. */

struct _GpScreenElement
{
  GObject        parent_instance;
  guint          index;
  char          *id;
  GpElementType  type;
  char          *label;
  gboolean       secret;
  JsonObject    *extensions;
};

struct _GpChoice
{
  GObject     parent_instance;
  guint       index;
  char       *label;
  char       *next_id;
  JsonObject *extensions;
};

struct _GpFailure
{
  GObject         parent_instance;
  guint           index;
  char           *id;
  GpFailureCause  cause;
  char           *symptom;
  char           *explanation;
  char           *say;
  char           *recovery_id;
  guint           retry_limit;
  gboolean        has_escalation;
  char           *escalate_to;
  GpPriority      escalate_priority;
  char           *escalate_reason;
  JsonObject     *escalate_extensions;
  JsonObject     *extensions;
};

struct _GpOffer
{
  GObject      parent_instance;
  guint        index;
  char        *id;
  char        *title;
  char        *pitch;
  char        *benefit;
  GpOfferWhen  when;
  gboolean     has_when;
  gboolean     after_failure;
  gboolean     has_after_failure;
  JsonObject  *extensions;
};

struct _GpStep
{
  GObject     parent_instance;
  guint       index;
  char       *id;
  GpStepKind  kind;
  gboolean    kind_known;      /* FALSE while loading a step whose kind was invalid */
  char       *title;
  gboolean    has_screen;
  char       *screen_heading;
  GPtrArray  *elements;        /* GpScreenElement */
  JsonObject *screen_extensions;
  char       *target_id;
  char       *instruction;
  char       *why;
  gboolean    has_talk;
  char       *talk_new;
  char       *talk_familiar;
  JsonObject *talk_extensions;
  GStrv       hints;
  guint       n_hints;
  double      estimated_seconds;
  char       *next_id;
  char       *question;
  GPtrArray  *choices;         /* GpChoice */
  GStrv       checks;
  char       *on_fail_id;
  GPtrArray  *failures;        /* GpFailure */
  GPtrArray  *offers;          /* GpOffer */
  GpOutcome   outcome;
  JsonObject *extensions;
};

struct _GpFlow
{
  GObject     parent_instance;
  char       *origin;
  char       *format;
  char       *id;
  char       *version;
  char       *locale;
  char       *title;
  char       *service_name;
  char       *service_url;
  JsonObject *service_extensions;
  char       *summary;
  GStrv       goals;
  GStrv       prerequisites;
  double      estimated_minutes;
  char       *start_id;
  GPtrArray  *steps;           /* GpStep, in file order */
  GHashTable *steps_by_id;     /* id → GpStep (the first with that id) */
  JsonObject *extensions;
};

GpFlow          *gp_flow_new_empty           (void);
GpStep          *gp_step_new_empty           (guint index);
GpScreenElement *gp_screen_element_new_empty (guint index);
GpChoice        *gp_choice_new_empty         (guint index);
GpFailure       *gp_failure_new_empty        (guint index);
GpOffer         *gp_offer_new_empty          (guint index);

/* Semantic checks on a loaded flow (duplicate ids, references, graph, warnings).
 * @graph_sound is FALSE when structural errors make the step graph meaningless, and
 * then the graph checks are skipped so they do not repeat what was already said. */
void             gp_flow_validate            (GpFlow     *flow,
                                              const char *file_name,
                                              gboolean    graph_sound,
                                              GPtrArray  *diagnostics);

/* Appends the RFC 6901 escape of @segment to @pointer. */
void             gp_json_pointer_append      (GString    *pointer,
                                              const char *segment);

G_END_DECLS
