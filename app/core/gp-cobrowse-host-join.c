/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-cobrowse-host-private.h"
#include "gp-cobrowse-peer-info-private.h"

/* Joining: the code, the hello a peer opens with, the agent's admit or refuse, and the
 * welcome with the flow and the events so far.  Trainees with the classroom code are
 * admitted in gp-cobrowse-host-classroom.c. */

static void
send_welcome (GpCobrowseHost *self,
              Connection     *c,
              const char     *token)
{
  JsonObject *message = gp_cobrowse_message_new ("welcome");
  GListModel *events = gp_session_get_events (self->session);
  guint n = g_list_model_get_n_items (events);
  JsonArray *array = json_array_new ();
  guint64 since = c->since;

  /* Another session (a host restarted on a new one) or a future seq: start again. */
  if (g_strcmp0 (c->since_session, gp_session_get_id (self->session)) != 0 || since > n)
    since = 0;
  for (guint i = (guint) since; i < n; i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);

      json_array_add_element (array, gp_cobrowse_host_event_to_json_for (event, gp_cobrowse_host_customer_view (c)));
    }
  json_object_set_string_member (message, "session", gp_session_get_id (self->session));
  json_object_set_string_member (message, "role", gp_cobrowse_role_to_string (gp_cobrowse_peer_info_get_role (c->info)));
  json_object_set_string_member (message, "acting", gp_cobrowse_role_to_string (gp_cobrowse_host_acting_role (self, c->info)));
  json_object_set_string_member (message, "token", token);
  json_object_set_int_member (message, "since", (gint64) since);
  json_object_set_int_member (message, "last_seq", n);
  json_object_set_member (message, "flow", gp_cobrowse_host_flow_to_json_for (gp_session_get_flow (self->session), gp_cobrowse_host_customer_view (c)));
  json_object_set_array_member (message, "events", array);
  c->state = CONNECTION_ADMITTED;
  gp_cobrowse_host_send_message (c, message);
}

void
gp_cobrowse_host_refuse (Connection      *c,
                         GpCobrowseError  code,
                         const char      *reason)
{
  JsonObject *message = gp_cobrowse_message_new ("refused");
  g_autoptr(GError) error = g_error_new_literal (GP_COBROWSE_ERROR, code, reason);

  json_object_set_object_member (message, "error", gp_cobrowse_error_to_json (error));
  gp_cobrowse_host_send_message (c, message);
  gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, reason);
}

static void
burn_code (GpCobrowseHost *self)
{
  if (self->code == NULL)
    return;
  g_clear_pointer (&self->code, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), gp_cobrowse_host_properties[PROP_CODE]);
}

static GpCobrowsePeerInfo *
lookup_token (GpCobrowseHost *self,
              const char     *token)
{
  GHashTableIter iter;
  gpointer key, value;
  GpCobrowsePeerInfo *found = NULL;

  /* Looks at every token, in constant time each, whether one matched or not. */
  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gp_cobrowse_code_equal (value, token))
      found = key;
  return found;
}

/* Peers of the join code, admitted or knocking; trainees have seats of their own. */
static guint
count_peers (GpCobrowseHost *self)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->peers)); i++)
    {
      g_autoptr(GpCobrowsePeerInfo) info = g_list_model_get_item (G_LIST_MODEL (self->peers), i);

      n += !gp_cobrowse_peer_info_get_trainee (info);
    }
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);

      n += c->state == CONNECTION_KNOCKING;
    }
  return n;
}

void
gp_cobrowse_host_handle_hello (GpCobrowseHost *self,
              Connection     *c,
              JsonObject     *message)
{
  g_autoptr(GError) error = NULL;
  const char *role_text, *name, *code, *token, *session;
  g_autofree char *normalized = NULL;
  g_autofree char *address = NULL;
  g_autofree char *valid = NULL;
  gboolean join_code, classroom_code;
  GpCobrowseRole role;
  gint64 last_seq = 0;
  GpCobrowsePeerInfo *info;

  if (c->state != CONNECTION_NEW)
    {
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, "hello was already sent");
      return;
    }
  if (!gp_cobrowse_get_string (message, "role", FALSE, &role_text, &error) ||
      !gp_cobrowse_get_string (message, "name", TRUE, &name, &error) ||
      !gp_cobrowse_get_string (message, "code", TRUE, &code, &error) ||
      !gp_cobrowse_get_string (message, "token", TRUE, &token, &error) ||
      !gp_cobrowse_get_string (message, "session", TRUE, &session, &error) ||
      !gp_cobrowse_get_int (message, "last_seq", TRUE, &last_seq, &error))
    {
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, error->message);
      return;
    }
  if (!gp_cobrowse_role_from_string (role_text, &role))
    {
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, "unknown role");
      return;
    }
  c->since = (guint64) MAX (last_seq, 0);
  c->since_session = g_strdup (session);

  if (token != NULL)
    {
      Connection *old;

      info = lookup_token (self, token);
      if (info == NULL || gp_cobrowse_peer_info_get_role (info) != role)
        {
          gp_cobrowse_host_refuse (c, GP_COBROWSE_ERROR_BAD_CODE, "unknown token: join again with a new code");
          return;
        }
      old = g_hash_table_lookup (self->attached, info);
      if (old != NULL)
        {
          /* The old connection is half-dead: the peer has already given up on it. */
          g_clear_object (&old->info);
          old->state = CONNECTION_NEW;
          gp_cobrowse_host_close_connection (old, GP_COBROWSE_CLOSE_POLICY, "replaced by a new connection");
        }
      c->info = g_object_ref (info);
      g_hash_table_insert (self->attached, info, c);
      gp_cobrowse_peer_info_set_connected (info, TRUE);
      send_welcome (self, c, g_hash_table_lookup (self->tokens, info));
      return;
    }

  if (code == NULL)
    {
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, "hello needs a code or a token");
      return;
    }
  if (gp_cobrowse_host_now (self) < self->next_attempt)
    {
      gp_cobrowse_host_refuse (c, GP_COBROWSE_ERROR_RATE_LIMITED, "too many attempts: wait a moment and try again");
      return;
    }
  if (self->code != NULL && gp_cobrowse_host_now (self) - self->code_created > GP_COBROWSE_CODE_LIFETIME_US)
    burn_code (self);
  gp_cobrowse_host_expire_classroom (self);
  normalized = gp_cobrowse_code_normalize (code);
  /* Both codes are compared, each in constant time, whichever matches. */
  join_code = self->code != NULL && normalized != NULL && gp_cobrowse_code_equal (self->code, normalized);
  classroom_code = self->classroom_code != NULL && normalized != NULL &&
                   gp_cobrowse_code_equal (self->classroom_code, normalized);
  if (!join_code && !classroom_code)
    {
      /* A guess is a guess at every code the host has. */
      self->next_attempt = gp_cobrowse_host_now (self) + self->attempt_interval;
      if (self->code != NULL && ++self->code_failures >= GP_COBROWSE_CODE_MAX_FAILURES)
        burn_code (self);
      gp_cobrowse_host_classroom_failure (self);
      gp_cobrowse_host_refuse (c, GP_COBROWSE_ERROR_BAD_CODE, "wrong, used or expired code");
      return;
    }
  if (classroom_code)
    {
      gp_cobrowse_host_join_classroom (self, c, role, name);
      return;
    }
  if (count_peers (self) >= self->max_peers)
    {
      gp_cobrowse_host_refuse (c, GP_COBROWSE_ERROR_FULL, "this session has as many peers as it takes");
      return;
    }
  /* Single use: the code is spent by the knock, whatever the agent answers. */
  burn_code (self);

  valid = gp_cobrowse_host_clean_name (name);
  address = g_strdup (g_object_get_data (G_OBJECT (c->connection), "gp-remote-address"));
  c->info = gp_cobrowse_peer_info_new (role, valid, address);
  c->state = CONNECTION_KNOCKING;
  gp_cobrowse_host_send_message (c, gp_cobrowse_message_new ("waiting"));
  g_signal_emit (self, gp_cobrowse_host_signals[PEER_KNOCKING], 0, c->info);
}

char *
gp_cobrowse_host_clean_name (const char *name)
{
  char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);

  if (g_utf8_strlen (valid, -1) > MAX_NAME_LENGTH)
    *g_utf8_offset_to_pointer (valid, MAX_NAME_LENGTH) = '\0';
  return valid;
}

/* Token bucket: FALSE when the peer keeps flooding long after being told. */
gboolean
gp_cobrowse_host_take_token (GpCobrowseHost *self,
            Connection     *c)
{
  gint64 t = gp_cobrowse_host_now (self);

  c->tokens = MIN ((double) self->burst, c->tokens + (t - c->tokens_at) * self->rate / G_USEC_PER_SEC);
  c->tokens_at = t;
  c->tokens -= 1;
  if (c->tokens >= 0)
    {
      c->overflow = 0;
      return TRUE;
    }
  c->tokens = MAX (c->tokens, -1);
  return ++c->overflow <= self->burst;
}

const char *
gp_cobrowse_host_new_code (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);

  /* Never the classroom's code: a hello names one of them. */
  do
    {
      g_free (self->code);
      self->code = gp_cobrowse_code_generate (GP_COBROWSE_CODE_LENGTH);
    }
  while (self->classroom_code != NULL && strcmp (self->code, self->classroom_code) == 0);
  self->code_created = gp_cobrowse_host_now (self);
  self->code_failures = 0;
  g_object_notify_by_pspec (G_OBJECT (self), gp_cobrowse_host_properties[PROP_CODE]);
  return self->code;
}

const char *
gp_cobrowse_host_get_code (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);

  if (self->code != NULL && gp_cobrowse_host_now (self) - self->code_created > GP_COBROWSE_CODE_LIFETIME_US)
    return NULL;
  return self->code;
}

static Connection *
find_knocking (GpCobrowseHost     *self,
               GpCobrowsePeerInfo *info)
{
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);

      if (c->info == info && c->state == CONNECTION_KNOCKING && !c->closing)
        return c;
    }
  return NULL;
}

void
gp_cobrowse_host_answer_knock (GpCobrowseHost     *self,
                               GpCobrowsePeerInfo *info,
                               gboolean            admit)
{
  Connection *c;

  g_return_if_fail (GP_IS_COBROWSE_HOST (self));
  g_return_if_fail (GP_IS_COBROWSE_PEER_INFO (info));

  c = find_knocking (self, info);
  if (c == NULL)
    return; /* gone meanwhile (::peer-left) or answered already */
  if (!admit)
    {
      gp_cobrowse_host_refuse (c, GP_COBROWSE_ERROR_REFUSED, "the agent did not admit you");
      return;
    }
  gp_cobrowse_host_admit (self, c);
}

void
gp_cobrowse_host_admit (GpCobrowseHost *self,
                        Connection     *c)
{
  GpCobrowsePeerInfo *info = c->info;
  char *token = gp_cobrowse_code_generate (TOKEN_LENGTH);

  g_hash_table_insert (self->tokens, info, token);
  g_hash_table_insert (self->attached, info, c);
  gp_cobrowse_peer_info_set_admitted (info, TRUE);
  g_list_store_append (self->peers, info);
  send_welcome (self, c, token);
  g_object_notify_by_pspec (G_OBJECT (self), gp_cobrowse_host_properties[PROP_N_PEERS]);
}
