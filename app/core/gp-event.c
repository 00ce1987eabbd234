/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <guidepost/gp-event.h>
#include "gp-event-private.h"

struct _GpEvent
{
  GObject      parent_instance;

  char        *session_id;
  guint64      seq;
  GpEventType  type;
  GpActor      actor;
  gint64       wall_time_us;
  gint64       monotonic_us;
  JsonObject  *payload;
};

G_DEFINE_FINAL_TYPE (GpEvent, gp_event, G_TYPE_OBJECT)
G_DEFINE_QUARK (gp-event-error-quark, gp_event_error)

static const char * const event_type_names[] = {
  "started", "intake-recorded", "try-again-offered", "try-again-accepted",
  "try-again-declined", "step-entered", "step-completed", "hint-revealed", "why-shown",
  "choice-made", "identity-check-passed", "identity-check-failed", "failure-reported",
  "recovery-taken", "retry-limit-reached", "offer-presented", "offer-answered",
  "driver-changed", "note-added", "escalated", "complaint-logged",
  "satisfaction-recorded", "ended", "handoff-requested", "handed-off",
  "failure-injected", "failure-cleared", "scenario-started", "driving-handed",
  "driving-taken-back",
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_type_names) == GP_EVENT_LAST + 1);

static const char * const actor_names[] = { "agent", "customer", "trainer", "system" };
G_STATIC_ASSERT (G_N_ELEMENTS (actor_names) == GP_ACTOR_SYSTEM + 1);

static void
gp_event_finalize (GObject *object)
{
  GpEvent *self = GP_EVENT (object);

  g_free (self->session_id);
  g_clear_pointer (&self->payload, json_object_unref);

  G_OBJECT_CLASS (gp_event_parent_class)->finalize (object);
}

static void
gp_event_class_init (GpEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_event_finalize;
}

static void
gp_event_init (GpEvent *self)
{
}

static JsonNode *copy_node (JsonNode *node);

/* json_node_copy() shares objects and arrays: an event must own its payload outright. */
static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (copy, name, copy_node (member));
  return copy;
}

static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, copy_object (json_node_get_object (node)));
      return copy;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *array_copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, copy_node (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

GpEvent *
gp_event_new (const char  *session_id,
              guint64      seq,
              GpEventType  type,
              GpActor      actor,
              gint64       wall_time_us,
              gint64       monotonic_us,
              JsonObject  *payload)
{
  GpEvent *self;

  g_return_val_if_fail (session_id != NULL, NULL);
  g_return_val_if_fail (seq >= 1, NULL);
  g_return_val_if_fail ((guint) type <= GP_EVENT_LAST, NULL);
  g_return_val_if_fail ((guint) actor <= GP_ACTOR_SYSTEM, NULL);

  self = g_object_new (GP_TYPE_EVENT, NULL);
  self->session_id = g_strdup (session_id);
  self->seq = seq;
  self->type = type;
  self->actor = actor;
  self->wall_time_us = wall_time_us;
  self->monotonic_us = monotonic_us;
  self->payload = payload != NULL ? copy_object (payload) : json_object_new ();
  json_object_seal (self->payload);
  return self;
}

const char *
gp_event_get_session_id (GpEvent *self)
{
  g_return_val_if_fail (GP_IS_EVENT (self), NULL);
  return self->session_id;
}

guint64
gp_event_get_seq (GpEvent *self)
{
  g_return_val_if_fail (GP_IS_EVENT (self), 0);
  return self->seq;
}

GpEventType
gp_event_get_event_type (GpEvent *self)
{
  g_return_val_if_fail (GP_IS_EVENT (self), 0);
  return self->type;
}

GpActor
gp_event_get_actor (GpEvent *self)
{
  g_return_val_if_fail (GP_IS_EVENT (self), 0);
  return self->actor;
}

gint64
gp_event_get_wall_time (GpEvent *self)
{
  g_return_val_if_fail (GP_IS_EVENT (self), 0);
  return self->wall_time_us;
}

gint64
gp_event_get_monotonic_time (GpEvent *self)
{
  g_return_val_if_fail (GP_IS_EVENT (self), 0);
  return self->monotonic_us;
}

JsonObject *
gp_event_get_payload (GpEvent *self)
{
  g_return_val_if_fail (GP_IS_EVENT (self), NULL);
  return self->payload;
}

JsonNode *
gp_event_to_json (GpEvent *self)
{
  JsonObject *object;
  JsonNode *payload;
  JsonNode *node;

  g_return_val_if_fail (GP_IS_EVENT (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "session", self->session_id);
  json_object_set_int_member (object, "seq", (gint64) self->seq);
  json_object_set_string_member (object, "type", event_type_names[self->type]);
  json_object_set_string_member (object, "actor", actor_names[self->actor]);
  json_object_set_int_member (object, "wall_us", self->wall_time_us);
  json_object_set_int_member (object, "mono_us", self->monotonic_us);
  payload = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (payload, copy_object (self->payload));
  json_object_set_member (object, "payload", payload);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static void
append_string (GString    *out,
               const char *text)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\b': g_string_append (out, "\\b"); break;
      case '\f': g_string_append (out, "\\f"); break;
      default:
        if (*p < 0x20)
          {
            g_string_append (out, "\\u00");
            g_string_append_c (out, hex[*p >> 4]);
            g_string_append_c (out, hex[*p & 0xf]);
          }
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

void
gp_json_node_append (JsonNode *node,
                     GString  *out)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (node != NULL && out != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_string (out, name);
            g_string_append_c (out, ':');
            gp_json_node_append (member, out);
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            gp_json_node_append (json_array_get_element (array, i), out);
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_DOUBLE:
          /* Payloads never hold non-finite numbers (checked when events are made). */
          g_string_append (out, g_ascii_dtostr (number, sizeof number, json_node_get_double (node)));
          break;
        case G_TYPE_INT64:
        default:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        }
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

void
gp_event_append_json (GpEvent *self,
                      GString *out)
{
  g_autoptr(JsonNode) payload = NULL;

  g_return_if_fail (GP_IS_EVENT (self));
  g_return_if_fail (out != NULL);

  g_string_append (out, "{\"session\":");
  append_string (out, self->session_id);
  g_string_append_printf (out, ",\"seq\":%" G_GUINT64_FORMAT ",\"type\":\"%s\",\"actor\":\"%s\","
                          "\"wall_us\":%" G_GINT64_FORMAT ",\"mono_us\":%" G_GINT64_FORMAT ",\"payload\":",
                          self->seq, event_type_names[self->type], actor_names[self->actor],
                          self->wall_time_us, self->monotonic_us);
  payload = json_node_init_object (json_node_alloc (), self->payload);
  gp_json_node_append (payload, out);
  g_string_append_c (out, '}');
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Payloads travel to peers and to disk: no non-finite numbers (json-glib writes them as
 * invalid JSON) and only valid UTF-8 strings. */
static gboolean
check_payload_node (JsonNode    *node,
                    const char  *where,
                    GError     **error)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *inner = g_strdup_printf ("%s/%s", where, name);

            if (!g_utf8_validate (name, -1, NULL))
              {
                g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                             "event field “%s”: a member name is not valid UTF-8", where);
                return FALSE;
              }
            if (!check_payload_node (member, inner, error))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *inner = g_strdup_printf ("%s/%u", where, i);

            if (!check_payload_node (json_array_get_element (array, i), inner, error))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node)))
        {
          g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                       "event field “%s”: expected a finite number", where);
          return FALSE;
        }
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                       "event field “%s”: expected a UTF-8 string", where);
          return FALSE;
        }
      return TRUE;
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static JsonNode *
require_member (JsonObject  *object,
                const char  *name,
                GError     **error)
{
  JsonNode *node = json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;

  if (node == NULL)
    g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                 "event field “%s” is missing", name);
  return node;
}

static gboolean
wrong_type (const char  *name,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
               "event field “%s”: expected %s", name, expected);
  return FALSE;
}

static gboolean
read_integer (JsonObject  *object,
              const char  *name,
              gint64      *value,
              GError     **error)
{
  JsonNode *node = require_member (object, name, error);

  if (node == NULL)
    return FALSE;
  if (!is_integer (node))
    return wrong_type (name, "an integer", error);
  *value = json_node_get_int (node);
  return TRUE;
}

static const char *
read_string (JsonObject  *object,
             const char  *name,
             GError     **error)
{
  JsonNode *node = require_member (object, name, error);

  if (node == NULL)
    return NULL;
  if (!is_string (node) || !g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      wrong_type (name, "a string", error);
      return NULL;
    }
  return json_node_get_string (node);
}

GpEvent *
gp_event_new_from_json (JsonNode  *node,
                        GError   **error)
{
  static const char * const fields[] = { "session", "seq", "type", "actor", "wall_us", "mono_us", "payload" };
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  const char *session_id;
  const char *text;
  gint64 seq, wall, mono;
  GpEventType type;
  GpActor actor;
  JsonNode *payload;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                   "an event must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_strv_contains (fields, name))
      {
        g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                     "event field “%s” is not known", name);
        return NULL;
      }

  if ((session_id = read_string (object, "session", error)) == NULL)
    return NULL;
  if (*session_id == '\0')
    {
      wrong_type ("session", "a non-empty string", error);
      return NULL;
    }
  if (!read_integer (object, "seq", &seq, error))
    return NULL;
  if (seq < 1)
    {
      wrong_type ("seq", "an integer ≥ 1", error);
      return NULL;
    }
  if ((text = read_string (object, "type", error)) == NULL)
    return NULL;
  if (!gp_event_type_from_string (text, &type))
    {
      g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                   "event field “type”: “%s” is not an event type", text);
      return NULL;
    }
  if ((text = read_string (object, "actor", error)) == NULL)
    return NULL;
  if (!gp_actor_from_string (text, &actor))
    {
      g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                   "event field “actor”: “%s” is not an actor (agent, customer, trainer, system)", text);
      return NULL;
    }
  if (!read_integer (object, "wall_us", &wall, error) ||
      !read_integer (object, "mono_us", &mono, error))
    return NULL;
  if ((payload = require_member (object, "payload", error)) == NULL)
    return NULL;
  if (JSON_NODE_TYPE (payload) != JSON_NODE_OBJECT)
    {
      wrong_type ("payload", "an object", error);
      return NULL;
    }
  if (!check_payload_node (payload, "payload", error))
    return NULL;

  return gp_event_new (session_id, (guint64) seq, type, actor, wall, mono,
                       json_node_get_object (payload));
}

/* As gp_event_new_from_json(), straight from the strict parser's document: the
 * co-browse peer reads every event the host sends, and builds no tree but the payload. */
GpEvent *
gp_event_new_from_value (const GpJsonValue  *value,
                         GError            **error)
{
  static const char * const fields[] = { "session", "seq", "type", "actor", "wall_us", "mono_us", "payload" };
  const GpJsonValue *members[G_N_ELEMENTS (fields)] = { NULL };
  g_autoptr(JsonNode) payload = NULL;
  GpEventType type = GP_EVENT_STARTED;
  GpActor actor = GP_ACTOR_SYSTEM;

  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (value->type != GP_JSON_VALUE_OBJECT)
    {
      g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID, "an event must be a JSON object");
      return NULL;
    }
  for (guint m = 0; m < value->length; m++)
    {
      guint f = 0;

      while (f < G_N_ELEMENTS (fields) && strcmp (value->members[m].key, fields[f]) != 0)
        f++;
      if (f == G_N_ELEMENTS (fields))
        {
          g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                       "event field “%s” is not known", value->members[m].key);
          return NULL;
        }
      members[f] = &value->members[m].value;
    }
  /* Field by field, in the order and with the words of gp_event_new_from_json(). */
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      const GpJsonValue *member = members[f];
      gboolean integer = f == 1 || f == 4 || f == 5;

      if (member == NULL)
        {
          g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID, "event field “%s” is missing", fields[f]);
          return NULL;
        }
      if (f == 6 ? member->type != GP_JSON_VALUE_OBJECT
                 : member->type != (integer ? GP_JSON_VALUE_INT : GP_JSON_VALUE_STRING))
        {
          wrong_type (fields[f], f == 6 ? "an object" : integer ? "an integer" : "a string", error);
          return NULL;
        }
      if (f == 0 && member->length == 0)
        {
          wrong_type ("session", "a non-empty string", error);
          return NULL;
        }
      if (f == 1 && member->integer < 1)
        {
          wrong_type ("seq", "an integer ≥ 1", error);
          return NULL;
        }
      if (f == 2 && !gp_event_type_from_string (member->string, &type))
        {
          g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                       "event field “type”: “%s” is not an event type", member->string);
          return NULL;
        }
      if (f == 3 && !gp_actor_from_string (member->string, &actor))
        {
          g_set_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID,
                       "event field “actor”: “%s” is not an actor (agent, customer, trainer, system)",
                       member->string);
          return NULL;
        }
    }
  /* The strict parser let through only valid UTF-8 and finite numbers; checked anyway, as
   * for any payload. */
  payload = gp_json_value_to_node (members[6]);
  if (!check_payload_node (payload, "payload", error))
    return NULL;

  return gp_event_new (members[0]->string, (guint64) members[1]->integer, type, actor,
                       members[4]->integer, members[5]->integer, json_node_get_object (payload));
}

const char *
gp_event_type_to_string (GpEventType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (event_type_names), NULL);
  return event_type_names[type];
}

gboolean
gp_event_type_from_string (const char  *text,
                           GpEventType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (event_type_names); i++)
    if (strcmp (text, event_type_names[i]) == 0)
      {
        *type = (GpEventType) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gp_actor_to_string (GpActor actor)
{
  g_return_val_if_fail ((guint) actor < G_N_ELEMENTS (actor_names), NULL);
  return actor_names[actor];
}

gboolean
gp_actor_from_string (const char *text,
                      GpActor    *actor)
{
  g_return_val_if_fail (actor != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (actor_names); i++)
    if (strcmp (text, actor_names[i]) == 0)
      {
        *actor = (GpActor) i;
        return TRUE;
      }
  return FALSE;
}

G_DEFINE_ENUM_TYPE (GpActor, gp_actor,
  G_DEFINE_ENUM_VALUE (GP_ACTOR_AGENT, "agent"),
  G_DEFINE_ENUM_VALUE (GP_ACTOR_CUSTOMER, "customer"),
  G_DEFINE_ENUM_VALUE (GP_ACTOR_TRAINER, "trainer"),
  G_DEFINE_ENUM_VALUE (GP_ACTOR_SYSTEM, "system"))
