/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

/* A session is an append-only list of events; everything else is derived from them. */

typedef enum {
  GP_EVENT_STARTED,
  GP_EVENT_INTAKE_RECORDED,
  GP_EVENT_TRY_AGAIN_OFFERED,
  GP_EVENT_TRY_AGAIN_ACCEPTED,
  GP_EVENT_TRY_AGAIN_DECLINED,
  GP_EVENT_STEP_ENTERED,
  GP_EVENT_STEP_COMPLETED,
  GP_EVENT_HINT_REVEALED,
  GP_EVENT_WHY_SHOWN,
  GP_EVENT_CHOICE_MADE,
  GP_EVENT_IDENTITY_CHECK_PASSED,
  GP_EVENT_IDENTITY_CHECK_FAILED,
  GP_EVENT_FAILURE_REPORTED,
  GP_EVENT_RECOVERY_TAKEN,
  GP_EVENT_RETRY_LIMIT_REACHED,
  GP_EVENT_OFFER_PRESENTED,
  GP_EVENT_OFFER_ANSWERED,
  GP_EVENT_DRIVER_CHANGED,
  GP_EVENT_NOTE_ADDED,
  GP_EVENT_ESCALATED,
  GP_EVENT_COMPLAINT_LOGGED,
  GP_EVENT_SATISFACTION_RECORDED,
  GP_EVENT_ENDED,
  /* Appended later; the numbers above never change. */
  GP_EVENT_HANDOFF_REQUESTED,
  GP_EVENT_HANDED_OFF,
  GP_EVENT_FAILURE_INJECTED,
  GP_EVENT_FAILURE_CLEARED,
  GP_EVENT_SCENARIO_STARTED,
  GP_EVENT_DRIVING_HANDED,
  GP_EVENT_DRIVING_TAKEN_BACK,
} GpEventType;

#define GP_EVENT_LAST GP_EVENT_DRIVING_TAKEN_BACK

typedef enum {
  GP_ACTOR_AGENT,
  GP_ACTOR_CUSTOMER,
  GP_ACTOR_TRAINER,
  GP_ACTOR_SYSTEM,
} GpActor;

#define GP_TYPE_ACTOR (gp_actor_get_type ())
GType gp_actor_get_type (void) G_GNUC_CONST;

#define GP_TYPE_EVENT (gp_event_get_type ())

G_DECLARE_FINAL_TYPE (GpEvent, gp_event, GP, EVENT, GObject)

/* @payload: (transfer none) (nullable): copied; never holds identity-check answers */
GpEvent     *gp_event_new               (const char  *session_id,
                                         guint64      seq,
                                         GpEventType  type,
                                         GpActor      actor,
                                         gint64       wall_time_us,
                                         gint64       monotonic_us,
                                         JsonObject  *payload);
const char  *gp_event_get_session_id    (GpEvent *self);
/* Returns: 1 for the first event of a session, then 2, 3 ... without gaps */
guint64      gp_event_get_seq           (GpEvent *self);
GpEventType  gp_event_get_event_type    (GpEvent *self);
GpActor      gp_event_get_actor         (GpEvent *self);
gint64       gp_event_get_wall_time     (GpEvent *self);
gint64       gp_event_get_monotonic_time (GpEvent *self);
/* Returns: (transfer none): never NULL; do not modify */
JsonObject  *gp_event_get_payload       (GpEvent *self);

/* The wire and journal form: {"session", "seq", "type", "actor", "wall_us", "mono_us", "payload"}. */
JsonNode    *gp_event_to_json           (GpEvent *self);
/* Appends the same document as compact JSON text, written directly: the co-browse
 * broadcast and the journal write an event per action and need no tree for it. */
void         gp_event_append_json       (GpEvent *self,
                                         GString *out);
/* Appends @node (any JSON value) as compact JSON text. */
void         gp_json_node_append        (JsonNode *node,
                                         GString  *out);
/* Returns: (transfer full) (nullable): the event, or NULL with a GP_EVENT_ERROR naming the field */
GpEvent     *gp_event_new_from_json     (JsonNode *node,
                                         GError  **error);

const char  *gp_event_type_to_string    (GpEventType type);
gboolean     gp_event_type_from_string  (const char  *text,
                                         GpEventType *type);
const char  *gp_actor_to_string         (GpActor actor);
gboolean     gp_actor_from_string       (const char *text,
                                         GpActor    *actor);

#define GP_EVENT_ERROR (gp_event_error_quark ())
typedef enum {
  GP_EVENT_ERROR_INVALID,
} GpEventError;
GQuark       gp_event_error_quark       (void);

G_END_DECLS
