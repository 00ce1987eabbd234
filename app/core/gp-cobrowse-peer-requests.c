/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A peer's requests to the host: each waits, by its id, for the host's result; a
 * connection that goes fails the ones still waiting (docs/protocol.md, `request`, `result`). */
#include "gp-cobrowse-peer-private.h"

void
gp_cobrowse_peer_fail_pending (GpCobrowsePeer  *self,
                               GpCobrowseError  code,
                               const char      *message)
{
  g_autoptr(GHashTable) pending = g_steal_pointer (&self->pending);
  GHashTableIter iter;
  gpointer task;

  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, NULL, &task))
    g_task_return_new_error (task, GP_COBROWSE_ERROR, code, "%s", message);
}

void
gp_cobrowse_peer_handle_result (GpCobrowsePeer *self,
                                JsonObject     *message)
{
  JsonNode *id = json_object_get_member (message, "id");
  JsonNode *ok = json_object_get_member (message, "ok");
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return;
  if (!g_hash_table_steal_extended (self->pending, json_node_get_string (id), (gpointer *) &key, (gpointer *) &task))
    return;
  if (ok != NULL && JSON_NODE_HOLDS_VALUE (ok) && json_node_get_value_type (ok) == G_TYPE_BOOLEAN &&
      json_node_get_boolean (ok))
    g_task_return_boolean (task, TRUE);
  else
    {
      JsonNode *error = json_object_get_member (message, "error");

      g_task_return_error (task, gp_cobrowse_error_from_json (error != NULL && JSON_NODE_HOLDS_OBJECT (error)
                                                              ? json_node_get_object (error) : NULL));
    }
}

void
gp_cobrowse_peer_request (GpCobrowsePeer      *self,
                          const char          *action,
                          JsonObject          *args,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *message;
  char *id;

  g_return_if_fail (GP_IS_COBROWSE_PEER (self));
  g_return_if_fail (action != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gp_cobrowse_peer_request);
  if (self->state != GP_COBROWSE_PEER_STATE_CONNECTED || self->connection == NULL)
    {
      g_task_return_new_error (task, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_DISCONNECTED,
                               "not connected to the host");
      return;
    }
  id = g_strdup_printf ("r%" G_GUINT64_FORMAT, ++self->next_request);
  message = gp_cobrowse_message_new ("request");
  json_object_set_string_member (message, "id", id);
  json_object_set_string_member (message, "action", action);
  json_object_set_object_member (message, "args", args != NULL ? json_object_ref (args) : json_object_new ());
  g_hash_table_insert (self->pending, id, g_steal_pointer (&task));
  gp_cobrowse_peer_send_message (self, message);
}

gboolean
gp_cobrowse_peer_request_finish (GpCobrowsePeer  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
gp_cobrowse_peer_answer_consent (GpCobrowsePeer *self,
                                 guint           id,
                                 gboolean        granted)
{
  g_autoptr(JsonObject) args = json_object_new ();

  g_return_if_fail (GP_IS_COBROWSE_PEER (self));
  json_object_set_int_member (args, "request", id);
  json_object_set_boolean_member (args, "granted", granted);
  gp_cobrowse_peer_request (self, "consent", args, NULL, NULL, NULL);
}
