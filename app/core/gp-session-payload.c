/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading event payloads (every field's type checked, as tech-notes warns about
 * json-glib's getters) and the small counters the fold keeps per step and failure. */

#include "gp-session-private.h"

gboolean
gp_priority_from_string (const char *text,
                         GpPriority *priority)
{
  for (guint i = GP_PRIORITY_LOW; i <= GP_PRIORITY_URGENT; i++)
    if (g_strcmp0 (text, gp_priority_to_string (i)) == 0)
      {
        *priority = (GpPriority) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gp_session_outcome_from_string (const char *text,
                     GpOutcome  *outcome)
{
  for (guint i = GP_OUTCOME_COMPLETED; i <= GP_OUTCOME_ABANDONED; i++)
    if (g_strcmp0 (text, gp_outcome_to_string (i)) == 0)
      {
        *outcome = (GpOutcome) i;
        return TRUE;
      }
  return FALSE;
}

/* Payload readers: an event may come from disk or a peer, so check every type here. */
const char *
gp_session_payload_string (GpEvent     *event,
                const char  *name,
                gboolean     nullable,
                GError     **error)
{
  JsonObject *payload = gp_event_get_payload (event);
  JsonNode *node = json_object_has_member (payload, name) ? json_object_get_member (payload, name) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    {
      if (nullable)
        return "";
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "payload field “%s” of a %s event is missing", name,
                   gp_event_type_to_string (gp_event_get_event_type (event)));
      return NULL;
    }
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "payload field “%s” of a %s event must be a string", name,
                   gp_event_type_to_string (gp_event_get_event_type (event)));
      return NULL;
    }
  return json_node_get_string (node);
}

gboolean
gp_session_payload_int (GpEvent     *event,
             const char  *name,
             gint64      *value,
             GError     **error)
{
  JsonObject *payload = gp_event_get_payload (event);
  JsonNode *node = json_object_has_member (payload, name) ? json_object_get_member (payload, name) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "payload field “%s” of a %s event must be an integer", name,
                   gp_event_type_to_string (gp_event_get_event_type (event)));
      return FALSE;
    }
  *value = json_node_get_int (node);
  return TRUE;
}

char *
gp_session_key_of (const char *step_id,
        const char *id)
{
  return g_strconcat (step_id, "/", id, NULL);
}

guint
gp_session_lookup_count (GHashTable *table,
              const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

void
gp_session_increment (GHashTable *table,
           const char *key)
{
  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (gp_session_lookup_count (table, key) + 1));
}

void
gp_session_set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}
