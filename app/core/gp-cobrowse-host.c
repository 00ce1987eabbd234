/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-flow.h>
#include <guidepost/gp-step.h>
#include <guidepost/gp-failure.h>
#include "gp-cobrowse-host-private.h"
#include "gp-cobrowse-peer-info-private.h"

G_DEFINE_FINAL_TYPE (GpCobrowseHost, gp_cobrowse_host, G_TYPE_OBJECT)

GParamSpec *gp_cobrowse_host_properties[GP_COBROWSE_HOST_N_PROPS];

guint gp_cobrowse_host_signals[N_SIGNALS];

static gint64
real_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

gint64
gp_cobrowse_host_now (GpCobrowseHost *self)
{
  return self->clock (self->clock_data);
}

void
gp_cobrowse_host_consent_free (Consent *consent)
{
  g_clear_handle_id (&consent->timeout_id, g_source_remove);
  g_clear_pointer (&consent->request_id, json_node_unref);
  g_free (consent);
}

void
gp_cobrowse_host_send_message (Connection *c,
              JsonObject *message)
{
  g_autofree char *text = gp_cobrowse_message_serialize (message, NULL);

  if (!c->closing)
    gp_cobrowse_send_text (c->connection, text);
}

/* The reason of a close frame is at most 123 bytes. */
void
gp_cobrowse_host_close_connection (Connection *c,
                  gushort     code,
                  const char *reason)
{
  g_autofree char *text = g_utf8_make_valid (reason, -1);

  if (c->closing)
    return;
  c->closing = TRUE;
  if (strlen (text) > 120)
    *g_utf8_find_prev_char (text, text + 120) = '\0';
  g_debug ("Closing co-browse connection (%u): %s", code, text);
  gp_cobrowse_close (c->connection, code, text);
}

void
gp_cobrowse_host_send_result (Connection   *c,
             JsonNode     *id,
             const GError *error)
{
  JsonObject *message = gp_cobrowse_message_new ("result");

  json_object_set_member (message, "id", json_node_copy (id));
  json_object_set_boolean_member (message, "ok", error == NULL);
  if (error != NULL)
    json_object_set_object_member (message, "error", gp_cobrowse_error_to_json (error));
  gp_cobrowse_host_send_message (c, message);
}

void
gp_cobrowse_host_send_to_admitted (GpCobrowseHost *self,
                  Connection     *except,
                  const char     *text)
{
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);

      if (c != except && c->state == CONNECTION_ADMITTED && !c->closing)
        gp_cobrowse_send_text (c->connection, text);
    }
}

/* The customer's view (issue 5, point 2): agent notes and talk tracks are for the agent's
 * side, so they never reach a customer's computer.  A note keeps its place in the seq
 * order with its text replaced. */
#define REDACTED_NOTE "(agent note)"

gboolean
gp_cobrowse_host_customer_view (Connection *c)
{
  return gp_cobrowse_peer_info_get_role (c->info) == GP_COBROWSE_ROLE_CUSTOMER;
}

/* The event as @customer's view has it: a note's text never leaves the agent's side. */
static GpEvent *
event_for_view (GpEvent  *event,
                gboolean  customer)
{
  g_autoptr(JsonObject) payload = NULL;
  JsonNode *step;

  if (!customer || gp_event_get_event_type (event) != GP_EVENT_NOTE_ADDED)
    return g_object_ref (event);
  payload = json_object_new ();
  step = json_object_get_member (gp_event_get_payload (event), "step");
  if (step != NULL)
    json_object_set_member (payload, "step", json_node_copy (step));
  json_object_set_string_member (payload, "text", REDACTED_NOTE);
  return gp_event_new (gp_event_get_session_id (event), gp_event_get_seq (event),
                       gp_event_get_event_type (event), gp_event_get_actor (event),
                       gp_event_get_wall_time (event), gp_event_get_monotonic_time (event), payload);
}

JsonNode *
gp_cobrowse_host_event_to_json_for (GpEvent  *event,
                   gboolean  customer)
{
  g_autoptr(GpEvent) shown = event_for_view (event, customer);

  return gp_event_to_json (shown);
}

static void
remove_member_everywhere (JsonArray  *array,
                          const char *member)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        json_object_remove_member (json_node_get_object (node), member);
    }
}

JsonNode *
gp_cobrowse_host_flow_to_json_for (GpFlow   *flow,
                  gboolean  customer)
{
  JsonNode *node = gp_flow_to_json (flow);
  JsonNode *steps;

  if (!customer)
    return node;
  steps = json_object_get_member (json_node_get_object (node), "steps");
  if (steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps))
    return node;
  remove_member_everywhere (json_node_get_array (steps), "talk");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (steps)); i++)
    {
      JsonNode *step = json_array_get_element (json_node_get_array (steps), i);
      JsonNode *failures = JSON_NODE_HOLDS_OBJECT (step)
        ? json_object_get_member (json_node_get_object (step), "failures") : NULL;

      if (failures != NULL && JSON_NODE_HOLDS_ARRAY (failures))
        remove_member_everywhere (json_node_get_array (failures), "say");
    }
  return node;
}

/* The "event" message, written straight to text: one per action and per view, the
 * broadcast's hot path (docs/protocol.md; the same document as the JSON tree would give). */
static char *
event_message_for (GpEvent  *event,
                   gboolean  customer)
{
  g_autoptr(GpEvent) shown = event_for_view (event, customer);
  GString *text = g_string_sized_new (384);

  g_string_append_printf (text, "{\"v\":%d,\"type\":\"event\",\"seq\":%" G_GUINT64_FORMAT ",\"event\":",
                          GP_COBROWSE_PROTOCOL_VERSION, gp_event_get_seq (event));
  gp_event_append_json (shown, text);
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
on_event_applied (GpSession      *session,
                  GpEvent        *event,
                  GpCobrowseHost *self)
{
  g_autofree char *text = NULL;
  g_autofree char *customer_text = NULL;
  gboolean differs = gp_event_get_event_type (event) == GP_EVENT_NOTE_ADDED;

  /* Written once per view that somebody connected has, when first needed. */
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);
      char **wanted;

      if (c->state != CONNECTION_ADMITTED || c->closing)
        continue;
      wanted = differs && gp_cobrowse_host_customer_view (c) ? &customer_text : &text;
      if (*wanted == NULL)
        *wanted = event_message_for (event, wanted == &customer_text);
      gp_cobrowse_send_text (c->connection, *wanted);
    }
  if (gp_event_get_event_type (event) == GP_EVENT_DRIVING_HANDED ||
      gp_event_get_event_type (event) == GP_EVENT_DRIVING_TAKEN_BACK)
    gp_cobrowse_host_driving_changed (self, event);
}

#define MAX_SEEN_IDS 100000

/* Request ids are never reused by a peer, across its reconnections too: a replayed
 * request is answered with an error instead of being carried out twice. */
static gboolean
first_use_of_id (GpCobrowseHost *self,
                 Connection     *c,
                 JsonNode       *id)
{
  GHashTable *seen = g_hash_table_lookup (self->seen_ids, c->info);
  char *key;

  if (seen == NULL)
    {
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (self->seen_ids, c->info, seen);
    }
  if (json_node_get_value_type (id) == G_TYPE_STRING)
    key = g_strconcat ("s", json_node_get_string (id), NULL);
  else
    key = g_strdup_printf ("i%" G_GINT64_FORMAT, json_node_get_int (id));
  if (g_hash_table_contains (seen, key))
    {
      g_free (key);
      return FALSE;
    }
  /* Bounded memory: a peer that made this many requests starts a new set. */
  if (g_hash_table_size (seen) >= MAX_SEEN_IDS)
    g_hash_table_remove_all (seen);
  g_hash_table_add (seen, key);
  return TRUE;
}

static void
handle_request (GpCobrowseHost *self,
                Connection     *c,
                JsonObject     *message)
{
  g_autoptr(GError) error = NULL;
  JsonNode *id = json_object_get_member (message, "id");
  JsonNode *args_node = json_object_get_member (message, "args");
  g_autoptr(JsonObject) empty = json_object_new ();
  JsonObject *args = empty;
  const char *action;
  gboolean deferred = FALSE;

  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) ||
      (json_node_get_value_type (id) != G_TYPE_STRING && json_node_get_value_type (id) != G_TYPE_INT64))
    {
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, "a request has an “id” (a string or an integer)");
      return;
    }
  if (!first_use_of_id (self, c, id))
    {
      error = g_error_new_literal (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                                   "a request with this id was already made: replays are not carried out");
      gp_cobrowse_host_send_result (c, id, error);
      return;
    }
  if (args_node != NULL && !JSON_NODE_HOLDS_OBJECT (args_node))
    {
      error = g_error_new_literal (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST, "“args” must be an object");
      gp_cobrowse_host_send_result (c, id, error);
      return;
    }
  if (args_node != NULL)
    args = json_node_get_object (args_node);
  if (c->tokens < 0)
    {
      error = g_error_new_literal (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_RATE_LIMITED, "too many requests: slow down");
      gp_cobrowse_host_send_result (c, id, error);
      return;
    }
  if (!gp_cobrowse_get_string (message, "action", FALSE, &action, &error) ||
      !gp_cobrowse_host_perform_as (self, gp_cobrowse_host_acting_role (self, c->info), c, id, action, args, &deferred, &error))
    {
      gp_cobrowse_host_send_result (c, id, error);
      return;
    }
  if (!deferred)
    gp_cobrowse_host_send_result (c, id, NULL);
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *bytes,
            Connection              *c)
{
  GpCobrowseHost *self = c->host;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) message = NULL;
  const char *message_type;
  gushort close_code;

  if (c->closing)
    return;
  c->last_heard = gp_cobrowse_host_now (self);
  if (c->relay_idle)
    {
      /* A peer was paired with this connection: have the next one ready. */
      c->relay_idle = FALSE;
      self->relay_pending--;
      gp_cobrowse_host_relay_fill (self);
    }
  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_UNSUPPORTED, "binary messages are not part of the protocol");
      return;
    }
  if (!gp_cobrowse_host_take_token (self, c))
    {
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, "rate limit exceeded");
      return;
    }
  message = gp_cobrowse_message_parse (bytes, GP_COBROWSE_MAX_MESSAGE_SIZE, &message_type, &close_code, &error);
  if (message == NULL)
    {
      gp_cobrowse_host_close_connection (c, close_code, error->message);
      return;
    }

  if (strcmp (message_type, "hello") == 0)
    gp_cobrowse_host_handle_hello (self, c, message);
  else if (strcmp (message_type, "ping") == 0)
    gp_cobrowse_host_send_message (c, gp_cobrowse_message_new ("pong"));
  else if (strcmp (message_type, "request") == 0)
    {
      if (c->state != CONNECTION_ADMITTED)
        gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, "request before welcome");
      else
        handle_request (self, c, message);
    }
  else if (strcmp (message_type, "bye") == 0)
    {
      gp_cobrowse_host_trainee_bye (self, c);
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_NORMAL, "bye");
    }
  else
    {
      g_autofree char *reason = g_strdup_printf ("unknown message type “%.40s”", message_type);

      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, reason);
    }
}

static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          Connection              *c)
{
  g_debug ("Co-browse connection error: %s", error->message);
}

static void
detach (GpCobrowseHost *self,
        Connection     *c)
{
  if (self->consent != NULL && self->consent->requester == c)
    {
      /* Its answer has nowhere to go: the question is withdrawn. */
      g_clear_pointer (&self->consent, gp_cobrowse_host_consent_free);
    }
  if (c->info != NULL)
    {
      if (g_hash_table_lookup (self->attached, c->info) == c)
        g_hash_table_remove (self->attached, c->info);
      if (c->state == CONNECTION_KNOCKING)
        g_signal_emit (self, gp_cobrowse_host_signals[PEER_LEFT], 0, c->info);
      else if (g_hash_table_lookup (self->attached, c->info) == NULL)
        gp_cobrowse_peer_info_set_connected (c->info, FALSE);
      if (!self->closed)
        gp_cobrowse_host_trainee_detached (self, c);
    }
  if (self->consent != NULL && c->state == CONNECTION_ADMITTED)
    {
      /* Not counted any more by the check below. */
      c->state = CONNECTION_NEW;
      gp_cobrowse_host_withdraw_consent (self, FALSE, "nobody is left on the other side to answer");
    }
}

static void
connection_free (Connection *c)
{
  g_signal_handlers_disconnect_by_data (c->connection, c);
  g_clear_object (&c->connection);
  g_clear_object (&c->info);
  g_free (c->since_session);
  g_free (c);
}

static void
on_closed (SoupWebsocketConnection *connection,
           Connection              *c)
{
  GpCobrowseHost *self = c->host;

  g_debug ("Co-browse connection closed (%u)", soup_websocket_connection_get_close_code (connection));
  if (c->relay_idle)
    {
      c->relay_idle = FALSE;
      self->relay_pending--;
      gp_cobrowse_host_relay_retry (self);
    }
  detach (self, c);
  g_ptr_array_remove_fast (self->connections, c);
  connection_free (c);
}

Connection *
gp_cobrowse_host_add_connection (GpCobrowseHost          *self,
                SoupWebsocketConnection *connection)
{
  Connection *c;

  c = g_new0 (Connection, 1);
  c->host = self;
  c->connection = g_object_ref (connection);
  c->last_heard = gp_cobrowse_host_now (self);
  c->tokens = self->burst;
  c->tokens_at = c->last_heard;
  /* libsoup drops a frame over its limit without a close frame; up to twice our limit the
   * message reaches us and the peer is told why (1009 with a reason). */
  soup_websocket_connection_set_max_incoming_payload_size (connection, 2 * GP_COBROWSE_MAX_MESSAGE_SIZE);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), c);
  g_signal_connect (connection, "error", G_CALLBACK (on_error), c);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), c);
  g_ptr_array_add (self->connections, c);

  return c;
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  GpCobrowseHost *self = user_data;
  Connection *c;
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (remote != NULL && G_IS_INET_SOCKET_ADDRESS (remote))
    g_object_set_data_full (G_OBJECT (connection), "gp-remote-address",
                            g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))),
                            g_free);
  c = gp_cobrowse_host_add_connection (self, connection);
  if (self->closed || self->connections->len > 2 * (self->max_peers + self->classroom_max) + 8)
    gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_POLICY, "too many connections");
}

gboolean
gp_cobrowse_host_sweep (gpointer user_data)
{
  GpCobrowseHost *self = user_data;
  gint64 t = gp_cobrowse_host_now (self);

  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);

      if (!c->closing && t - c->last_heard > self->dead_after)
        {
          c->closing = TRUE;
          g_debug ("Co-browse peer silent for %" G_GINT64_FORMAT " ms: dropping it", (t - c->last_heard) / 1000);
          g_io_stream_close (soup_websocket_connection_get_io_stream (c->connection), NULL, NULL);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
gp_cobrowse_host_dispose (GObject *object)
{
  GpCobrowseHost *self = GP_COBROWSE_HOST (object);

  gp_cobrowse_host_close (self);
  while (self->connections->len > 0)
    {
      Connection *c = g_ptr_array_steal_index_fast (self->connections, self->connections->len - 1);

      connection_free (c);
    }
  g_clear_signal_handler (&self->applied_id, self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->certificate);
  g_clear_object (&self->relay_certificate);
  g_clear_object (&self->relay_soup);
  g_clear_object (&self->driving);
  g_hash_table_remove_all (self->seated);
  g_list_store_remove_all (self->peers);
  G_OBJECT_CLASS (gp_cobrowse_host_parent_class)->dispose (object);
}

static void
gp_cobrowse_host_finalize (GObject *object)
{
  GpCobrowseHost *self = GP_COBROWSE_HOST (object);

  g_ptr_array_unref (self->connections);
  g_object_unref (self->peers);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->attached);
  g_hash_table_unref (self->seen_ids);
  g_hash_table_unref (self->seated);
  g_free (self->uri);
  g_free (self->code);
  g_free (self->classroom_code);
  g_free (self->relay_base);
  g_free (self->relay_uri);
  g_free (self->room);
  g_free (self->room_key);
  G_OBJECT_CLASS (gp_cobrowse_host_parent_class)->finalize (object);
}

static void
gp_cobrowse_host_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GpCobrowseHost *self = GP_COBROWSE_HOST (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_CODE: g_value_set_string (value, gp_cobrowse_host_get_code (self)); break;
    case PROP_CLASSROOM_CODE: g_value_set_string (value, gp_cobrowse_host_get_classroom_code (self)); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    case PROP_N_PEERS: g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->peers))); break;
    case PROP_RELAY_REGISTERED: g_value_set_boolean (value, self->relay_registered); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_cobrowse_host_class_init (GpCobrowseHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = gp_cobrowse_host_dispose;
  object_class->finalize = gp_cobrowse_host_finalize;
  object_class->get_property = gp_cobrowse_host_get_property;

  gp_cobrowse_host_properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, GP_TYPE_SESSION, flags);
  gp_cobrowse_host_properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  gp_cobrowse_host_properties[PROP_CLASSROOM_CODE] = g_param_spec_string ("classroom-code", NULL, NULL, NULL, flags);
  gp_cobrowse_host_properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);
  gp_cobrowse_host_properties[PROP_N_PEERS] = g_param_spec_uint ("n-peers", NULL, NULL, 0, G_MAXUINT, 0, flags);
  gp_cobrowse_host_properties[PROP_RELAY_REGISTERED] = g_param_spec_boolean ("relay-registered", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, GP_COBROWSE_HOST_N_PROPS, gp_cobrowse_host_properties);

  gp_cobrowse_host_signals[PEER_KNOCKING] = g_signal_new ("peer-knocking", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, GP_TYPE_COBROWSE_PEER_INFO);
  gp_cobrowse_host_signals[PEER_LEFT] = g_signal_new ("peer-left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, GP_TYPE_COBROWSE_PEER_INFO);
  gp_cobrowse_host_signals[CONSENT_REQUESTED] = g_signal_new ("consent-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                             G_TYPE_UINT, G_TYPE_STRING, GP_TYPE_COBROWSE_PEER_INFO);
  gp_cobrowse_host_signals[CONSENT_ANSWERED] = g_signal_new ("consent-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  gp_cobrowse_host_signals[POINTER] = g_signal_new ("pointer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                   G_TYPE_STRING, G_TYPE_STRING, GP_TYPE_COBROWSE_PEER_INFO);
}

static void
gp_cobrowse_host_init (GpCobrowseHost *self)
{
  self->connections = g_ptr_array_new ();
  self->peers = g_list_store_new (GP_TYPE_COBROWSE_PEER_INFO);
  self->tokens = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->attached = g_hash_table_new (NULL, NULL);
  self->seen_ids = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  self->seated = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->clock = real_clock;
  self->max_peers = 8;
  self->rate = 50;
  self->burst = 100;
  self->attempt_interval = G_USEC_PER_SEC;
  /* Swept every second: a dead peer is dropped within 30 s of its last message. */
  self->dead_after = 29 * G_USEC_PER_SEC;
}

GpCobrowseHost *
gp_cobrowse_host_new (GpSession *session)
{
  GpCobrowseHost *self;

  g_return_val_if_fail (GP_IS_SESSION (session), NULL);

  self = g_object_new (GP_TYPE_COBROWSE_HOST, NULL);
  self->session = g_object_ref (session);
  self->applied_id = g_signal_connect (session, "event-applied", G_CALLBACK (on_event_applied), self);
  return self;
}

GpSession *
gp_cobrowse_host_get_session (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);
  return self->session;
}

void
gp_cobrowse_host_set_tls_certificate (GpCobrowseHost  *self,
                                      GTlsCertificate *certificate)
{
  g_return_if_fail (GP_IS_COBROWSE_HOST (self));
  g_return_if_fail (self->server == NULL);
  g_set_object (&self->certificate, certificate);
}

gboolean
gp_cobrowse_host_listen (GpCobrowseHost  *self,
                         const char      *address,
                         guint            port,
                         GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GSList) uris = NULL;

  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  self->server = gp_cobrowse_server_listen (self->certificate, address, port, on_websocket, self,
                                            &local_error);
  if (self->server == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED,
                     "port %u is in use by another program: pick another port, or 0 for any free one",
                     port);
      else
        g_set_error_literal (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED, local_error->message);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      GUri *uri = uris->data;

      g_auto(GStrv) local = NULL;
      const char *host = g_uri_get_host (uri);

      /* Listening on every interface: give an address a customer can actually reach. */
      if (g_strcmp0 (host, "0.0.0.0") == 0)
        {
          local = gp_cobrowse_local_addresses ();
          host = local[0] != NULL ? local[0] : "127.0.0.1";
        }
      self->port = (guint) g_uri_get_port (uri);
      self->uri = g_strdup_printf ("%s://%s:%u%s", self->certificate != NULL ? "wss" : "ws",
                                   host, self->port, GP_COBROWSE_PATH);
    }
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  self->sweep_id = g_timeout_add (SWEEP_INTERVAL_MS, gp_cobrowse_host_sweep, self);
  g_object_notify_by_pspec (G_OBJECT (self), gp_cobrowse_host_properties[PROP_URI]);
  return TRUE;
}

const char *
gp_cobrowse_host_get_uri (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);
  return self->uri;
}

GStrv
gp_cobrowse_host_dup_uris (GpCobrowseHost *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);

  if (self->uri != NULL)
    g_strv_builder_add (builder, self->uri);
  if (self->uri != NULL && self->server != NULL && (uri = g_uri_parse (self->uri, G_URI_FLAGS_NONE, NULL)) != NULL)
    {
      g_autoptr(GSList) listeners = soup_server_get_uris (self->server);
      gboolean any = listeners != NULL && g_strcmp0 (g_uri_get_host (listeners->data), "0.0.0.0") == 0;
      g_auto(GStrv) local = any ? gp_cobrowse_local_addresses () : NULL;

      g_slist_free_full (g_steal_pointer (&listeners), (GDestroyNotify) g_uri_unref);
      for (guint i = 0; local != NULL && local[i] != NULL; i++)
        if (g_strcmp0 (local[i], g_uri_get_host (uri)) != 0)
          {
            g_autofree char *other = g_strdup_printf ("%s://%s:%u%s", g_uri_get_scheme (uri), local[i],
                                                      self->port, GP_COBROWSE_PATH);
            g_strv_builder_add (builder, other);
          }
    }
  return g_strv_builder_end (builder);
}

guint
gp_cobrowse_host_get_port (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), 0);
  return self->port;
}

GListModel *
gp_cobrowse_host_get_peers (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);
  return G_LIST_MODEL (self->peers);
}

gboolean
gp_cobrowse_host_perform (GpCobrowseHost  *self,
                          const char      *action,
                          JsonObject      *args,
                          GError         **error)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  gboolean deferred;

  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return gp_cobrowse_host_perform_as (self, GP_COBROWSE_ROLE_AGENT, NULL, NULL, action, args != NULL ? args : empty,
                  &deferred, error);
}

void
gp_cobrowse_host_answer_consent (GpCobrowseHost *self,
                                 guint           id,
                                 gboolean        granted)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GP_IS_COBROWSE_HOST (self));

  if (!gp_cobrowse_host_answer_consent_as (self, NULL, GP_COBROWSE_ROLE_AGENT, id, granted, &error))
    g_debug ("Consent answer ignored: %s", error->message);
}

void
gp_cobrowse_host_close (GpCobrowseHost *self)
{
  g_autofree char *text = NULL;
  JsonObject *bye;

  g_return_if_fail (GP_IS_COBROWSE_HOST (self));

  if (self->closed)
    return;
  /* Recorded while the trainee still hears it. */
  gp_cobrowse_host_end_classroom (self);
  self->closed = TRUE;
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_clear_handle_id (&self->relay_retry_id, g_source_remove);
  g_clear_pointer (&self->consent, gp_cobrowse_host_consent_free);
  bye = gp_cobrowse_message_new ("bye");
  json_object_set_string_member (bye, "reason", "the host has ended co-browsing");
  text = gp_cobrowse_message_serialize (bye, NULL);
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);

      if (!c->closing)
        gp_cobrowse_send_text (c->connection, text);
      gp_cobrowse_host_close_connection (c, GP_COBROWSE_CLOSE_GOING_AWAY, "the host has ended co-browsing");
    }
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

void
gp_cobrowse_host_set_clock (GpCobrowseHost      *self,
                            GpCobrowseClockFunc  func,
                            gpointer             user_data)
{
  self->clock = func != NULL ? func : real_clock;
  self->clock_data = user_data;
}

void
gp_cobrowse_host_set_limits (GpCobrowseHost *self,
                             guint           max_peers,
                             double          messages_per_second,
                             guint           burst,
                             gint64          code_attempt_interval_us)
{
  self->max_peers = max_peers;
  self->rate = messages_per_second;
  self->burst = burst;
  self->attempt_interval = code_attempt_interval_us;
}

void
gp_cobrowse_host_set_keepalive (GpCobrowseHost *self,
                                guint           dead_after_ms)
{
  self->dead_after = (gint64) dead_after_ms * 1000;
}

void
gp_cobrowse_host_break_connections (GpCobrowseHost *self)
{
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);

      g_io_stream_close (soup_websocket_connection_get_io_stream (c->connection), NULL, NULL);
    }
}
