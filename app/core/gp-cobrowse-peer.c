/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-flow.h>
#include <guidepost/gp-flow-loader.h>
#include "gp-cobrowse-peer-private.h"
#include "gp-event-private.h"

#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 5000
/* Keepalive checks: ten times a ping interval, at most once a second apart. */
#define CHECK_INTERVAL(self) MIN ((self)->ping_ms / 10 + 1, 1000)

G_DEFINE_FINAL_TYPE (GpCobrowsePeer, gp_cobrowse_peer, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GpCobrowsePeerState, gp_cobrowse_peer_state,
  G_DEFINE_ENUM_VALUE (GP_COBROWSE_PEER_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (GP_COBROWSE_PEER_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (GP_COBROWSE_PEER_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (GP_COBROWSE_PEER_STATE_RECONNECTING, "reconnecting"),
  G_DEFINE_ENUM_VALUE (GP_COBROWSE_PEER_STATE_CLOSED, "closed"))

enum { PROP_0, PROP_STATE, PROP_SESSION, PROP_ROLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { POINTER, CONSENT_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start_connection (GpCobrowsePeer *self);
static void retry_later      (GpCobrowsePeer *self);

static void
set_state (GpCobrowsePeer      *self,
           GpCobrowsePeerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* A trainee handed the driving acts as the agent (docs/protocol.md, "Classroom"). */
static void
set_acting (GpCobrowsePeer *self,
            const char     *role_text)
{
  GpCobrowseRole acting;

  /* A role this side does not know changes nothing: the host decides anyway. */
  if (!gp_cobrowse_role_from_string (role_text, &acting) || acting == self->acting)
    return;
  self->acting = acting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

void
gp_cobrowse_peer_send_message (GpCobrowsePeer *self,
                               JsonObject     *message)
{
  g_autofree char *text = gp_cobrowse_message_serialize (message, NULL);

  if (self->connection != NULL && !self->silent)
    gp_cobrowse_send_text (self->connection, text);
}

/* Drops the connection without a close frame, as a network failure would. */
static void
break_connection (GpCobrowsePeer *self)
{
  if (self->connection != NULL)
    g_io_stream_close (soup_websocket_connection_get_io_stream (self->connection), NULL, NULL);
}

/* For good: no more reconnecting. */
static void
finish (GpCobrowsePeer *self,
        GError         *error)
{
  self->closing = TRUE;
  if (error != NULL && self->close_error == NULL)
    self->close_error = error;
  else if (error != NULL)
    g_error_free (error);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_handle_id (&self->ping_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gp_cobrowse_peer_fail_pending (self, GP_COBROWSE_ERROR_CLOSED, "the co-browse connection is closed");
  if (self->connection == NULL && !self->connecting)
    set_state (self, GP_COBROWSE_PEER_STATE_CLOSED);
}

static gboolean
build_mirror (GpCobrowsePeer  *self,
              JsonObject      *message,
              JsonArray       *events,
              GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GpFlow) flow = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonNode *flow_node = json_object_get_member (message, "flow");
  GpSession *mirror;
  char *text;
  gsize length;

  if (flow_node == NULL || !JSON_NODE_HOLDS_OBJECT (flow_node))
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL, "the welcome has no flow");
      return FALSE;
    }
  json_generator_set_root (generator, flow_node);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);
  flow = gp_flow_load_bytes (bytes, "the host's flow", NULL, error);
  if (flow == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      GpEvent *event = gp_event_new_from_json (json_array_get_element (events, i), error);

      if (event == NULL)
        return FALSE;
      g_ptr_array_add (list, event);
    }
  mirror = gp_session_new_from_events (flow, list, error);
  if (mirror == NULL)
    return FALSE;
  g_clear_object (&self->mirror);
  self->mirror = mirror;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  return TRUE;
}

static gboolean
apply_parsed_event (GpCobrowsePeer  *self,
                    GpEvent         *event,
                    GError         **error)
{
  if (event == NULL)
    return FALSE;
  /* Already here (never expected, but never applied twice). */
  if (gp_event_get_seq (event) <= gp_session_get_n_events (self->mirror))
    return TRUE;
  return gp_session_apply_remote_event (self->mirror, event, error);
}

static gboolean
apply_event (GpCobrowsePeer  *self,
             JsonNode        *node,
             GError         **error)
{
  g_autoptr(GpEvent) event = gp_event_new_from_json (node, error);

  return apply_parsed_event (self, event, error);
}

/* The message a peer gets most: one event, read straight from the parsed document. */
static gboolean
handle_event_message (GpCobrowsePeer     *self,
                      const GpJsonValue  *message,
                      GError            **error)
{
  const GpJsonValue *value = gp_json_value_get_member (message, "event");
  g_autoptr(GpEvent) event = NULL;

  if (value == NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL, "an event message without its event");
      return FALSE;
    }
  event = gp_event_new_from_value (value, error);
  return apply_parsed_event (self, event, error);
}

static gboolean
handle_welcome (GpCobrowsePeer  *self,
                JsonObject      *message,
                GError         **error)
{
  JsonNode *events_node = json_object_get_member (message, "events");
  const char *session = NULL, *token = NULL, *acting = NULL;
  gint64 since = 0;
  JsonArray *events;

  if (events_node == NULL || !JSON_NODE_HOLDS_ARRAY (events_node) ||
      !gp_cobrowse_get_string (message, "session", FALSE, &session, error) ||
      !gp_cobrowse_get_string (message, "token", FALSE, &token, error) ||
      !gp_cobrowse_get_int (message, "since", FALSE, &since, error) ||
      !gp_cobrowse_get_string (message, "acting", TRUE, &acting, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL, "the welcome has no events");
      return FALSE;
    }
  events = json_node_get_array (events_node);
  g_free (self->token);
  self->token = g_strdup (token);

  if (self->mirror != NULL && since > 0 &&
      g_strcmp0 (gp_session_get_id (self->mirror), session) == 0 &&
      (guint64) since == gp_session_get_n_events (self->mirror))
    {
      for (guint i = 0; i < json_array_get_length (events); i++)
        if (!apply_event (self, json_array_get_element (events, i), error))
          return FALSE;
    }
  else if (!build_mirror (self, message, events, error))
    return FALSE;

  self->backoff_ms = 0;
  set_acting (self, acting != NULL ? acting : gp_cobrowse_role_to_string (self->role));
  set_state (self, GP_COBROWSE_PEER_STATE_CONNECTED);
  return TRUE;
}

static gboolean
handle_message (GpCobrowsePeer  *self,
                JsonObject      *message,
                const char      *type,
                GError         **error)
{
  const char *text = NULL, *text2 = NULL;
  gint64 number = 0;

  if (strcmp (type, "pong") == 0 || strcmp (type, "bye") == 0)
    {
      if (strcmp (type, "bye") == 0)
        {
          if (gp_cobrowse_get_string (message, "reason", TRUE, &text, NULL) && text == NULL)
            text = "the host said goodbye";
          finish (self, g_error_new (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_CLOSED, "%s",
                                     text != NULL ? text : "the host said goodbye"));
        }
      return TRUE;
    }
  if (strcmp (type, "waiting") == 0)
    {
      set_state (self, GP_COBROWSE_PEER_STATE_WAITING);
      return TRUE;
    }
  if (strcmp (type, "refused") == 0)
    {
      JsonNode *node = json_object_get_member (message, "error");

      finish (self, gp_cobrowse_error_from_json (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                                                 ? json_node_get_object (node) : NULL));
      return TRUE;
    }
  if (strcmp (type, "welcome") == 0)
    return handle_welcome (self, message, error);
  if (self->mirror == NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL, "%s before the welcome", type);
      return FALSE;
    }
  if (strcmp (type, "event") == 0)
    {
      JsonNode *node = json_object_get_member (message, "event");

      if (node == NULL)
        {
          g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL, "an event message without its event");
          return FALSE;
        }
      return apply_event (self, node, error);
    }
  if (strcmp (type, "result") == 0)
    {
      gp_cobrowse_peer_handle_result (self, message);
      return TRUE;
    }
  if (strcmp (type, "role") == 0)
    {
      if (gp_cobrowse_get_string (message, "role", FALSE, &text, error))
        set_acting (self, text);
      return TRUE;
    }
  if (strcmp (type, "pointer") == 0)
    {
      if (gp_cobrowse_get_string (message, "step", FALSE, &text, error) &&
          gp_cobrowse_get_string (message, "element", FALSE, &text2, error))
        g_signal_emit (self, signals[POINTER], 0, text, text2);
      return TRUE;
    }
  if (strcmp (type, "consent-request") == 0)
    {
      const char *from = NULL;

      if (gp_cobrowse_get_int (message, "id", FALSE, &number, error) &&
          gp_cobrowse_get_string (message, "action", FALSE, &text, error) &&
          gp_cobrowse_get_string (message, "from", FALSE, &from, error))
        g_signal_emit (self, signals[CONSENT_REQUESTED], 0, (guint) CLAMP (number, 0, G_MAXUINT), text, from);
      return TRUE;
    }
  /* Newer hosts may send more: ignored, as docs/protocol.md promises. */
  return TRUE;
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *bytes,
            GpCobrowsePeer          *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpJsonDoc) doc = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *message_type = NULL;
  gboolean handled = FALSE;
  gushort close_code;

  if (self->silent)
    return;
  self->last_heard = g_get_monotonic_time ();
  if (type == SOUP_WEBSOCKET_DATA_TEXT)
    doc = gp_cobrowse_message_parse_doc (bytes, GP_COBROWSE_MAX_WELCOME_SIZE, &message_type, &close_code, &error);
  else
    error = g_error_new_literal (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL, "a binary message");
  if (doc != NULL && self->mirror != NULL && strcmp (message_type, "event") == 0)
    handled = handle_event_message (self, gp_json_doc_get_root (doc), &error);
  else if (doc != NULL)
    {
      /* Everything else as a tree: the handlers read it with json-glib. */
      root = gp_json_value_to_node (gp_json_doc_get_root (doc));
      message = json_object_ref (json_node_get_object (root));
      message_type = json_object_get_string_member (message, "type");
      handled = handle_message (self, message, message_type, &error);
    }
  if (!handled)
    {
      /* Out of step with the host: start again from what the mirror has. */
      g_debug ("Co-browse host broke the protocol: %s", error->message);
      break_connection (self);
    }
}

static void
on_closed (SoupWebsocketConnection *connection,
           GpCobrowsePeer          *self)
{
  gushort code = soup_websocket_connection_get_close_code (connection);
  const char *reason = soup_websocket_connection_get_close_data (connection);

  g_debug ("Co-browse connection closed (%u %s)", code, reason != NULL ? reason : "");
  g_signal_handlers_disconnect_by_data (connection, self);
  g_clear_object (&self->connection);

  /* The host closed on purpose for a reason that does not go away by trying again. */
  if (!self->closing && (code == GP_COBROWSE_CLOSE_POLICY || code == GP_COBROWSE_CLOSE_UNSUPPORTED ||
                         code == GP_COBROWSE_CLOSE_TOO_BIG || code == GP_COBROWSE_CLOSE_GOING_AWAY ||
                         (code == GP_COBROWSE_CLOSE_NO_ROOM && self->mirror == NULL)))
    finish (self, g_error_new (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_CLOSED, "the host closed the connection: %s",
                               reason != NULL && *reason != '\0' ? reason : "no reason given"));
  if (self->closing)
    {
      set_state (self, GP_COBROWSE_PEER_STATE_CLOSED);
      return;
    }
  gp_cobrowse_peer_fail_pending (self, GP_COBROWSE_ERROR_DISCONNECTED, "the connection dropped before the host answered");
  if (self->hold_reconnect)
    {
      set_state (self, self->mirror != NULL ? GP_COBROWSE_PEER_STATE_RECONNECTING
                                            : GP_COBROWSE_PEER_STATE_CONNECTING);
      return;
    }
  /* At once after a good connection; with growing pauses while it keeps failing. */
  if (self->backoff_ms == 0)
    {
      self->backoff_ms = BACKOFF_MIN_MS / 2;
      start_connection (self);
    }
  else
    retry_later (self);
}

static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          GpCobrowsePeer          *self)
{
  g_debug ("Co-browse connection error: %s", error->message);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  GpCobrowsePeer *self = user_data;

  self->reconnect_id = 0;
  start_connection (self);
  return G_SOURCE_REMOVE;
}

static void
retry_later (GpCobrowsePeer *self)
{
  self->backoff_ms = CLAMP (self->backoff_ms * 2, BACKOFF_MIN_MS, BACKOFF_MAX_MS);
  set_state (self, self->mirror != NULL ? GP_COBROWSE_PEER_STATE_RECONNECTING : GP_COBROWSE_PEER_STATE_CONNECTING);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (!self->hold_reconnect)
    self->reconnect_id = g_timeout_add (self->backoff_ms, reconnect_cb, self);
}

void
gp_cobrowse_peer_hold_reconnect (GpCobrowsePeer *self,
                                 gboolean        hold)
{
  g_return_if_fail (GP_IS_COBROWSE_PEER (self));

  self->hold_reconnect = hold;
  /* Released while waiting: try now. */
  if (!hold && self->state == GP_COBROWSE_PEER_STATE_RECONNECTING && self->reconnect_id == 0)
    self->reconnect_id = g_idle_add (reconnect_cb, self);
}

static void
send_hello (GpCobrowsePeer *self)
{
  JsonObject *hello = gp_cobrowse_message_new ("hello");

  json_object_set_string_member (hello, "role", gp_cobrowse_role_to_string (self->role));
  if (self->name != NULL)
    json_object_set_string_member (hello, "name", self->name);
  /* A peer resumed from its state has a token and no code. */
  if (self->token != NULL)
    json_object_set_string_member (hello, "token", self->token);
  else if (self->code != NULL)
    json_object_set_string_member (hello, "code", self->code);
  if (self->mirror != NULL)
    {
      json_object_set_string_member (hello, "session", gp_session_get_id (self->mirror));
      json_object_set_int_member (hello, "last_seq", gp_session_get_n_events (self->mirror));
    }
  gp_cobrowse_peer_send_message (self, hello);
}

typedef struct {
  GpCobrowsePeer *peer;
  guint           attempt;
} Attempt;

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Attempt *attempt = user_data;
  g_autoptr(GpCobrowsePeer) self = attempt->peer;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;
  gboolean current = attempt->attempt == self->attempt;

  g_free (attempt);
  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (!current)
    {
      /* Superseded by gp_cobrowse_peer_rejoin(). */
      if (connection != NULL)
        {
          gp_cobrowse_close (connection, GP_COBROWSE_CLOSE_NORMAL, "bye");
          g_object_unref (connection);
        }
      return;
    }
  self->connecting = FALSE;
  if (connection == NULL)
    {
      g_debug ("Co-browse connection failed: %s", error->message);
      if (self->closing)
        set_state (self, GP_COBROWSE_PEER_STATE_CLOSED);
      else
        retry_later (self);
      return;
    }
  if (self->closing)
    {
      gp_cobrowse_close (connection, GP_COBROWSE_CLOSE_NORMAL, "bye");
      g_object_unref (connection);
      set_state (self, GP_COBROWSE_PEER_STATE_CLOSED);
      return;
    }
  self->connection = connection;
  self->last_heard = g_get_monotonic_time ();
  soup_websocket_connection_set_max_incoming_payload_size (connection, GP_COBROWSE_MAX_WELCOME_SIZE);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), self);
  g_signal_connect (connection, "error", G_CALLBACK (on_error), self);
  send_hello (self);
}

static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       GpCobrowsePeer       *self)
{
  return self->accepted != NULL && g_tls_certificate_is_same (certificate, self->accepted);
}

static void
start_connection (GpCobrowsePeer *self)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *http_uri = NULL;
  Attempt *attempt;

  if (self->closing)
    return;
  set_state (self, self->mirror != NULL ? GP_COBROWSE_PEER_STATE_RECONNECTING : GP_COBROWSE_PEER_STATE_CONNECTING);
  if (g_str_has_prefix (self->uri, "ws://"))
    http_uri = g_strconcat ("http://", self->uri + 5, NULL);
  else if (g_str_has_prefix (self->uri, "wss://"))
    http_uri = g_strconcat ("https://", self->uri + 6, NULL);
  else
    http_uri = g_strdup (self->uri);
  msg = soup_message_new ("GET", http_uri);
  if (msg == NULL)
    {
      finish (self, g_error_new (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED, "“%s” is not an address", self->uri));
      return;
    }
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate), self);
  self->last_heard = g_get_monotonic_time ();
  self->connecting = TRUE;
  attempt = g_new0 (Attempt, 1);
  attempt->peer = g_object_ref (self);
  attempt->attempt = ++self->attempt;
  soup_session_websocket_connect_async (self->soup, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->cancellable, on_connected, attempt);
}

/* Keepalive, checked often so that a dead host is noticed within dead-after of its last
 * message: a ping every ping_ms; dead-after without any message from the host is a dead
 * host (libsoup 3.2 has no pong timeout of its own). */
static gboolean
ping_cb (gpointer user_data)
{
  GpCobrowsePeer *self = user_data;

  if (self->connecting && g_get_monotonic_time () - self->last_heard > self->dead_after)
    {
      /* A connect that hangs (a host that accepts and never upgrades) is retried too. */
      g_cancellable_cancel (self->cancellable);
      g_object_unref (self->cancellable);
      self->cancellable = g_cancellable_new ();
      return G_SOURCE_CONTINUE;
    }
  if (self->connection == NULL || self->silent)
    return G_SOURCE_CONTINUE;
  if (g_get_monotonic_time () - self->last_heard > self->dead_after)
    {
      g_debug ("Co-browse host silent for too long: reconnecting");
      break_connection (self);
      return G_SOURCE_CONTINUE;
    }
  if (g_get_monotonic_time () - self->last_ping >= (gint64) self->ping_ms * 1000)
    {
      self->last_ping = g_get_monotonic_time ();
      gp_cobrowse_peer_send_message (self, gp_cobrowse_message_new ("ping"));
    }
  return G_SOURCE_CONTINUE;
}

static void
gp_cobrowse_peer_dispose (GObject *object)
{
  GpCobrowsePeer *self = GP_COBROWSE_PEER (object);

  finish (self, NULL);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      gp_cobrowse_close (self->connection, GP_COBROWSE_CLOSE_NORMAL, "bye");
      g_clear_object (&self->connection);
    }
  g_clear_object (&self->mirror);
  g_clear_object (&self->soup);
  g_clear_object (&self->accepted);
  G_OBJECT_CLASS (gp_cobrowse_peer_parent_class)->dispose (object);
}

static void
gp_cobrowse_peer_finalize (GObject *object)
{
  GpCobrowsePeer *self = GP_COBROWSE_PEER (object);

  g_hash_table_unref (self->pending);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->close_error);
  g_free (self->uri);
  g_free (self->code);
  g_free (self->token);
  g_free (self->name);
  G_OBJECT_CLASS (gp_cobrowse_peer_parent_class)->finalize (object);
}

static void
gp_cobrowse_peer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GpCobrowsePeer *self = GP_COBROWSE_PEER (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_SESSION: g_value_set_object (value, self->mirror); break;
    case PROP_ROLE: g_value_set_enum (value, self->acting); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_cobrowse_peer_class_init (GpCobrowsePeerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = gp_cobrowse_peer_dispose;
  object_class->finalize = gp_cobrowse_peer_finalize;
  object_class->get_property = gp_cobrowse_peer_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, GP_TYPE_COBROWSE_PEER_STATE,
                                              GP_COBROWSE_PEER_STATE_CONNECTING, flags);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, GP_TYPE_SESSION, flags);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, GP_TYPE_COBROWSE_ROLE,
                                             GP_COBROWSE_ROLE_CUSTOMER, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POINTER] = g_signal_new ("pointer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[CONSENT_REQUESTED] = g_signal_new ("consent-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                             G_TYPE_UINT, G_TYPE_STRING, G_TYPE_STRING);
}

static void
gp_cobrowse_peer_init (GpCobrowsePeer *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->ping_ms = 10000;
  /* Checked every second: a dead host is noticed within 30 s. */
  self->dead_after = 29 * G_USEC_PER_SEC;
  /* Our own keepalive decides when a connection is dead; no deflate (see tech notes). */
  self->soup = soup_session_new_with_options ("timeout", 0, "idle-timeout", 0, NULL);
  soup_session_remove_feature_by_type (self->soup, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER);
}

GpCobrowsePeer *
gp_cobrowse_peer_new (const char     *uri,
                      const char     *code,
                      GpCobrowseRole  role,
                      const char     *name)
{
  GpCobrowsePeer *self;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail ((guint) role <= GP_COBROWSE_ROLE_OBSERVER, NULL);

  self = g_object_new (GP_TYPE_COBROWSE_PEER, NULL);
  self->uri = g_strdup (uri);
  self->code = g_strdup (code);
  self->role = role;
  self->acting = role;
  self->name = g_strdup (name);
  return self;
}

void
gp_cobrowse_peer_set_accepted_certificate (GpCobrowsePeer  *self,
                                           GTlsCertificate *certificate)
{
  g_return_if_fail (GP_IS_COBROWSE_PEER (self));
  g_set_object (&self->accepted, certificate);
}

void
gp_cobrowse_peer_connect (GpCobrowsePeer *self)
{
  g_return_if_fail (GP_IS_COBROWSE_PEER (self));
  g_return_if_fail (self->connection == NULL && self->ping_id == 0);

  self->ping_id = g_timeout_add (CHECK_INTERVAL (self), ping_cb, self);
  start_connection (self);
}

GpCobrowsePeerState
gp_cobrowse_peer_get_state (GpCobrowsePeer *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER (self), GP_COBROWSE_PEER_STATE_CLOSED);
  return self->state;
}

GpCobrowseRole
gp_cobrowse_peer_get_role (GpCobrowsePeer *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER (self), GP_COBROWSE_ROLE_OBSERVER);
  return self->acting;
}

const char *
gp_cobrowse_peer_get_uri (GpCobrowsePeer *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER (self), NULL);
  return self->uri;
}

GpSession *
gp_cobrowse_peer_get_session (GpCobrowsePeer *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER (self), NULL);
  return self->mirror;
}

const GError *
gp_cobrowse_peer_get_close_error (GpCobrowsePeer *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER (self), NULL);
  return self->close_error;
}

void
gp_cobrowse_peer_close (GpCobrowsePeer *self)
{
  g_return_if_fail (GP_IS_COBROWSE_PEER (self));

  if (self->closing && self->connection == NULL)
    return;
  finish (self, NULL);
  if (self->connection != NULL)
    {
      gp_cobrowse_peer_send_message (self, gp_cobrowse_message_new ("bye"));
      gp_cobrowse_close (self->connection, GP_COBROWSE_CLOSE_NORMAL, "bye");
    }
}

void
gp_cobrowse_peer_set_keepalive (GpCobrowsePeer *self,
                                guint           ping_ms,
                                guint           dead_after_ms)
{
  self->ping_ms = ping_ms;
  self->dead_after = (gint64) dead_after_ms * 1000;
}

void
gp_cobrowse_peer_break_connection (GpCobrowsePeer *self)
{
  break_connection (self);
}

void
gp_cobrowse_peer_send_raw (GpCobrowsePeer *self,
                           const char     *text)
{
  if (self->connection != NULL)
    gp_cobrowse_send_text (self->connection, text);
}

void
gp_cobrowse_peer_set_silent (GpCobrowsePeer *self,
                             gboolean        silent)
{
  self->silent = silent;
}

void
gp_cobrowse_peer_rejoin (GpCobrowsePeer *self,
                         const char     *uri,
                         const char     *code)
{
  g_return_if_fail (GP_IS_COBROWSE_PEER (self));
  g_return_if_fail (code != NULL);

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->connecting)
    {
      self->attempt++;
      self->connecting = FALSE;
      g_cancellable_cancel (self->cancellable);
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      gp_cobrowse_close (self->connection, GP_COBROWSE_CLOSE_NORMAL, "bye");
      g_clear_object (&self->connection);
    }
  gp_cobrowse_peer_fail_pending (self, GP_COBROWSE_ERROR_DISCONNECTED, "the peer joins again");
  if (uri != NULL)
    {
      g_free (self->uri);
      self->uri = g_strdup (uri);
    }
  g_free (self->code);
  self->code = g_strdup (code);
  g_clear_pointer (&self->token, g_free);
  g_clear_error (&self->close_error);
  self->closing = FALSE;
  self->backoff_ms = 0;
  if (self->ping_id == 0)
    self->ping_id = g_timeout_add (CHECK_INTERVAL (self), ping_cb, self);
  start_connection (self);
}
