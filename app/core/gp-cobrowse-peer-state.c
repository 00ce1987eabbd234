/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gstdio.h>

#include <guidepost/gp-flow.h>
#include <guidepost/gp-flow-loader.h>
#include <guidepost/gp-json.h>
#include "gp-cobrowse-peer-private.h"

/* A peer's resumable state: what it needs to come back after its process died — the
 * seat (token) and the mirror (flow and events) — as one JSON document (docs/protocol.md,
 * "Coming back after the process died"). */

#define STATE_FORMAT "guidepost-peer-state/1"
/* A state is a welcome's flow and events plus what followed: larger than a welcome. */
#define MAX_STATE_FILE_SIZE (4 * GP_COBROWSE_MAX_WELCOME_SIZE)

JsonNode *
gp_cobrowse_peer_save_state (GpCobrowsePeer *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *events;

  g_return_val_if_fail (GP_IS_COBROWSE_PEER (self), NULL);

  /* Not welcomed yet, or joining again with a code: no seat to come back to. */
  if (self->mirror == NULL || self->token == NULL)
    return NULL;

  events = gp_session_get_events (self->mirror);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, STATE_FORMAT);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, self->uri);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, gp_cobrowse_role_to_string (self->role));
  json_builder_set_member_name (builder, "name");
  if (self->name != NULL)
    json_builder_add_string_value (builder, self->name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, self->token);
  json_builder_set_member_name (builder, "session");
  json_builder_add_string_value (builder, gp_session_get_id (self->mirror));
  json_builder_set_member_name (builder, "flow");
  json_builder_add_value (builder, gp_flow_to_json (gp_session_get_flow (self->mirror)));
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);

      json_builder_add_value (builder, gp_event_to_json (event));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
bad_field (GError     **error,
           const char  *where,
           const char  *pointer,
           const char  *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
bad_field (GError     **error,
           const char  *where,
           const char  *pointer,
           const char  *format,
           ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL, "%s: %s: %s", where, pointer, what);
  return FALSE;
}

/* A string member; @optional: absent or null gives NULL; @allow_empty: "" is fine. */
static gboolean
get_string (JsonObject  *object,
            const char  *where,
            const char  *member,
            gboolean     optional,
            gboolean     allow_empty,
            const char **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *pointer = g_strconcat ("/", member, NULL);

  *value = NULL;
  if (optional && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;
  if (node == NULL)
    return bad_field (error, where, pointer, "missing");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_field (error, where, pointer, "expected a string");
  if (!allow_empty && *json_node_get_string (node) == '\0')
    return bad_field (error, where, pointer, "expected a non-empty string");
  *value = json_node_get_string (node);
  return TRUE;
}

static GpFlow *
load_flow (JsonObject  *object,
           const char  *where,
           GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *node = json_object_get_member (object, "flow");
  GpFlow *flow;
  gsize length;
  char *text;

  if (node == NULL)
    {
      bad_field (error, where, "/flow", "missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      bad_field (error, where, "/flow", "expected the flow document (an object)");
      return NULL;
    }
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);
  flow = gp_flow_load_bytes (bytes, "flow", NULL, &local_error);
  if (flow == NULL)
    bad_field (error, where, "/flow", "%s", local_error->message);
  return flow;
}

static GpSession *
load_mirror (JsonObject  *object,
             const char  *where,
             GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GpFlow) flow = NULL;
  JsonNode *node = json_object_get_member (object, "events");
  JsonArray *events;
  GpSession *mirror;

  if (node == NULL)
    {
      bad_field (error, where, "/events", "missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      bad_field (error, where, "/events", "expected the session's events (a non-empty array)");
      return NULL;
    }
  if ((flow = load_flow (object, where, error)) == NULL)
    return NULL;

  events = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      g_autofree char *pointer = g_strdup_printf ("/events/%u", i);
      GpEvent *event = gp_event_new_from_json (json_array_get_element (events, i), &local_error);

      if (event == NULL)
        {
          bad_field (error, where, pointer, "%s", local_error->message);
          return NULL;
        }
      g_ptr_array_add (list, event);
    }
  /* The same fold as a welcome: every event is checked against the flow. */
  mirror = gp_session_new_from_events (flow, list, &local_error);
  if (mirror == NULL)
    bad_field (error, where, "/events", "not a session of this flow: %s", local_error->message);
  return mirror;
}

static GpCobrowsePeer *
new_from_state (JsonNode    *state,
                const char  *where,
                GError     **error)
{
  g_autoptr(GpSession) mirror = NULL;
  const char *format, *uri, *role_text, *name, *token, *session;
  GpCobrowseRole role;
  JsonObject *object;
  GpCobrowsePeer *self;

  if (state == NULL || !JSON_NODE_HOLDS_OBJECT (state))
    {
      bad_field (error, where, "/", "expected a peer state (a JSON object)");
      return NULL;
    }
  object = json_node_get_object (state);
  if (!get_string (object, where, "format", FALSE, FALSE, &format, error))
    return NULL;
  if (strcmp (format, STATE_FORMAT) != 0)
    {
      bad_field (error, where, "/format", "expected “%s”, not “%s”", STATE_FORMAT, format);
      return NULL;
    }
  if (!get_string (object, where, "uri", FALSE, FALSE, &uri, error) ||
      !get_string (object, where, "role", FALSE, FALSE, &role_text, error) ||
      !get_string (object, where, "name", TRUE, TRUE, &name, error) ||
      !get_string (object, where, "token", FALSE, FALSE, &token, error) ||
      !get_string (object, where, "session", FALSE, FALSE, &session, error))
    return NULL;
  if (!g_str_has_prefix (uri, "ws://") && !g_str_has_prefix (uri, "wss://"))
    {
      bad_field (error, where, "/uri", "expected a ws:// or wss:// address");
      return NULL;
    }
  if (!gp_cobrowse_role_from_string (role_text, &role))
    {
      bad_field (error, where, "/role", "unknown role “%s”", role_text);
      return NULL;
    }
  if ((mirror = load_mirror (object, where, error)) == NULL)
    return NULL;
  if (strcmp (gp_session_get_id (mirror), session) != 0)
    {
      bad_field (error, where, "/session", "“%s” is not the session of the events (“%s”)",
                 session, gp_session_get_id (mirror));
      return NULL;
    }

  self = g_object_new (GP_TYPE_COBROWSE_PEER, NULL);
  self->uri = g_strdup (uri);
  self->token = g_strdup (token);
  self->name = g_strdup (name);
  self->role = role;
  self->acting = role;
  self->mirror = g_steal_pointer (&mirror);
  return self;
}

GpCobrowsePeer *
gp_cobrowse_peer_new_from_state (JsonNode  *state,
                                 GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_state (state, "peer state", error);
}

gboolean
gp_cobrowse_peer_save_state_file (GpCobrowsePeer  *self,
                                  const char      *path,
                                  GError         **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) state = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (GP_IS_COBROWSE_PEER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((state = gp_cobrowse_peer_save_state (self)) == NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED,
                   "%s: nothing to save before the host has welcomed the peer", path);
      return FALSE;
    }
  json_generator_set_root (generator, state);
  text = json_generator_to_data (generator, &length);
  /* The token is a seat in the session: readable by the user alone.  Written to a new
   * file renamed over the old one, so a kill leaves the old state or the new. */
  return g_file_set_contents_full (path, text, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

GpCobrowsePeer *
gp_cobrowse_peer_new_from_state_file (const char  *path,
                                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Checked before reading: a huge file is not read into memory first. */
  if (g_stat (path, &st) == 0 && st.st_size > MAX_STATE_FILE_SIZE)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL,
                   "%s: larger than a peer state can be (%u MiB)", path, (guint) (MAX_STATE_FILE_SIZE / (1024 * 1024)));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  state = gp_json_parse_strict (contents, length, GP_COBROWSE_MAX_DEPTH, NULL, NULL, &local_error);
  if (state == NULL)
    {
      /* The message starts with LINE:COLUMN. */
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL, "%s:%s", path, local_error->message);
      return NULL;
    }
  return new_from_state (state, path, error);
}
