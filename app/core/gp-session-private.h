/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-flow.h>
#include <guidepost/gp-step.h>
#include <guidepost/gp-session.h>

G_BEGIN_DECLS

typedef enum {
  TRY_AGAIN_NONE,
  TRY_AGAIN_OFFERED,
  TRY_AGAIN_ACCEPTED,
  TRY_AGAIN_DECLINED,
} TryAgain;

struct _GpSession
{
  GObject             parent_instance;

  GpFlow             *flow;
  char               *id;
  GpEventSink        *sink;
  gboolean            sink_begun;
  /* events [0, n_saved) are durable in the sink */
  guint               n_saved;
  GpSessionClockFunc  clock;
  gpointer            clock_data;
  GListStore         *event_store;
  GPtrArray          *events;

  /* Derived state: changed only by gp_session_apply(). */
  gboolean            started;
  gboolean            intake_recorded;
  GpSessionMode       mode;
  GpFamiliarity       familiarity;
  char               *goal;
  char               *agreed_problem;
  GpStep             *current;
  GPtrArray          *history;          /* step ids Back returns to */
  GHashTable         *hints_used;       /* step id → level */
  GHashTable         *failure_counts;   /* "step/failure" → n */
  GHashTable         *retries;          /* "step/failure" → n */
  GHashTable         *limits_reached;   /* "step/failure" set */
  GHashTable         *offers;           /* "step/offer" → -1 presented, or GpOfferAnswer */
  GHashTable         *time_on_step;     /* step id → gint64 µs (boxed) */
  GHashTable         *checks_passed;    /* check index + 1, for this visit of the step */
  char               *injected_failure; /* training: injected at the current step, not cleared */
  char               *open_failure;     /* reported at the current step, no recovery yet */
  char               *pending_enter;    /* the step-entered that must come next */
  char               *pending_via;
  char               *pending_limit;    /* the retry-limit-reached that must come next */
  GpActor             driver;
  gboolean            failure_seen;
  gboolean            complaint_seen;
  TryAgain            try_again;
  gboolean            progressed;
  gboolean            escalated;
  char               *escalated_to;
  gboolean            proposed;
  char               *proposed_to;
  GpPriority          proposed_priority;
  char               *proposed_reason;
  gboolean            satisfaction_recorded;
  guint               satisfaction;
  guint               n_notes;
  guint               n_complaints;
  gboolean            ended;
  GpOutcome           outcome;
  GHashTable         *handoff_codes;    /* codes requested in self-service, a set */
  gboolean            handed_off;
  /* Training (gp-session-training.c): the scenario played, and the trainee driving a
   * classroom session. */
  char               *scenario_id;
  GpScenarioRun       scenario_run;
  gboolean            hints_allowed;
  char               *driving_trainee;
  gint64              entered_mono;
  gint64              last_mono;
};

void     gp_session_state_init  (GpSession *self);
void     gp_session_state_clear (GpSession *self);
/* The fold: checks @event against the rules and the state, then changes the state.
 * Leaves the state untouched when it returns FALSE. */
gboolean gp_session_apply       (GpSession *self,
                                 GpEvent   *event,
                                 GError   **error);

/* Builds the next event (taking @payload), applies it, offers it to the sink, reports it. */
gboolean    gp_session_record           (GpSession    *self,
                                         GpEventType   type,
                                         GpActor       actor,
                                         JsonObject   *payload,
                                         GError      **error);
gboolean    gp_session_enter            (GpSession    *self,
                                         GpActor       actor,
                                         const char   *step_id,
                                         const char   *via,
                                         GError      **error);
/* Records what must follow the last event (a step-entered, a retry-limit-reached). */
gboolean    gp_session_complete_pending (GpSession    *self,
                                         GpActor       actor,
                                         GError      **error);
/* Every action starts here: nothing after the end, an interrupted action first. */
gboolean    gp_session_prepare          (GpSession    *self,
                                         GpActor       actor,
                                         GError      **error);
/* Returns: (transfer full): a payload naming the current step */
JsonObject *gp_session_payload_at_step  (GpSession    *self);

/* gp-session-training.c */
gboolean gp_session_apply_training (GpSession *self, GpEvent *event, GError **error);

gboolean gp_priority_from_string (const char *text,
                                  GpPriority *priority);

/* gp-session-payload.c */
gboolean gp_session_outcome_from_string (const char *text, GpOutcome *outcome);
const char *gp_session_payload_string (GpEvent *event, const char *name, gboolean nullable, GError **error);
gboolean gp_session_payload_int (GpEvent *event, const char *name, gint64 *value, GError **error);
char *gp_session_key_of (const char *step_id, const char *id);
guint gp_session_lookup_count (GHashTable *table, const char *key);
void gp_session_increment (GHashTable *table, const char *key);
void gp_session_set_string (char **field, const char *value);

G_END_DECLS
