/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <libsoup/soup.h>
#include <guidepost/gp-relay.h>
#include <guidepost/gp-cobrowse-protocol.h>
#include "gp-cobrowse-private.h"

#define HOST_PREFIX GP_COBROWSE_PATH "/host/"
#define ROOM_PREFIX GP_COBROWSE_PATH "/room/"
#define MAX_ROOM_LENGTH 64
#define MAX_IDLE_PER_ROOM 4
/* A full classroom (GP_COBROWSE_MAX_TRAINEES trainees) with its customer and agents. */
#define MAX_PAIRS_PER_ROOM (GP_COBROWSE_MAX_TRAINEES + 8)
#define KEEPALIVE_S 10
#define DEAD_AFTER_US (30 * G_USEC_PER_SEC)
#define RATE 200.0
#define BURST 400.0

typedef struct _Room Room;
typedef struct _End End;

struct _Room {
  char   *id;
  char   *key;
  GQueue  idle;     /* host Ends waiting for a peer */
  guint   n_ends;   /* every End of the room, idle and paired */
};

struct _End {
  GpRelay                 *relay;
  SoupWebsocketConnection *connection;
  Room                    *room;
  End                     *partner;
  gboolean                 is_host;
  gboolean                 closing;
  gint64                   last_heard;
  double                   tokens;
  gint64                   tokens_at;
};

struct _GpRelay
{
  GObject          parent_instance;

  SoupServer      *server;
  GTlsCertificate *certificate;
  char            *uri;
  GHashTable      *rooms;       /* id → Room */
  GPtrArray       *ends;
  guint            max_sessions;
  gsize            max_message_size;
  guint            sweep_id;
  gboolean         closed;
};

G_DEFINE_FINAL_TYPE (GpRelay, gp_relay, G_TYPE_OBJECT)

enum { LOG, N_SIGNALS };
static guint signals[N_SIGNALS];

G_GNUC_PRINTF (2, 3)
static void
relay_log (GpRelay    *self,
           const char *format,
           ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_signal_emit (self, signals[LOG], 0, line);
}

static void
room_free (Room *room)
{
  g_queue_clear (&room->idle);
  g_free (room->id);
  g_free (room->key);
  g_free (room);
}

static void
end_close (End        *end,
           gushort     code,
           const char *reason)
{
  if (end->closing)
    return;
  end->closing = TRUE;
  if (code == 0)
    g_io_stream_close (soup_websocket_connection_get_io_stream (end->connection), NULL, NULL);
  else
    gp_cobrowse_close (end->connection, code, reason);
}

static gboolean
take_token (End *end)
{
  gint64 now = g_get_monotonic_time ();

  end->tokens = MIN (BURST, end->tokens + (now - end->tokens_at) * RATE / G_USEC_PER_SEC);
  end->tokens_at = now;
  end->tokens -= 1;
  return end->tokens >= 0;
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *bytes,
            End                     *end)
{
  if (end->closing)
    return;
  end->last_heard = g_get_monotonic_time ();
  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      end_close (end, GP_COBROWSE_CLOSE_UNSUPPORTED, "binary messages are not part of the protocol");
      return;
    }
  if (g_bytes_get_size (bytes) > end->relay->max_message_size)
    {
      end_close (end, GP_COBROWSE_CLOSE_TOO_BIG, "message over the relay's size limit");
      return;
    }
  if (!take_token (end))
    {
      end_close (end, GP_COBROWSE_CLOSE_POLICY, "rate limit exceeded");
      return;
    }
  if (end->partner == NULL)
    {
      end_close (end, GP_COBROWSE_CLOSE_POLICY, "no peer to send to yet");
      return;
    }
  if (!end->partner->closing &&
      soup_websocket_connection_get_state (end->partner->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_message (end->partner->connection, SOUP_WEBSOCKET_DATA_TEXT, bytes);
}

static void
on_pong (SoupWebsocketConnection *connection,
         GBytes                  *message,
         End                     *end)
{
  end->last_heard = g_get_monotonic_time ();
}

static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          End                     *end)
{
  g_debug ("Relay connection error: %s", error->message);
}

static void
end_free (End *end)
{
  g_signal_handlers_disconnect_by_data (end->connection, end);
  g_object_unref (end->connection);
  g_free (end);
}

static void
on_closed (SoupWebsocketConnection *connection,
           End                     *end)
{
  GpRelay *self = end->relay;
  Room *room = end->room;
  gushort code = soup_websocket_connection_get_close_code (connection);

  if (end->partner != NULL)
    {
      End *partner = end->partner;

      partner->partner = NULL;
      /* A clean close passes through; a dropped side drops the other (it reconnects). */
      if (code >= 1000 && code < 5000 && code != 1005 && code != 1006)
        end_close (partner, code, soup_websocket_connection_get_close_data (connection));
      else
        end_close (partner, 0, NULL);
    }
  if (room != NULL)
    {
      g_queue_remove (&room->idle, end);
      if (--room->n_ends == 0)
        {
          relay_log (self, "room %s closed", room->id);
          g_hash_table_remove (self->rooms, room->id);
        }
    }
  g_ptr_array_remove_fast (self->ends, end);
  end_free (end);
}

static gboolean
valid_room (const char *id)
{
  gsize n = strlen (id);

  if (n == 0 || n > MAX_ROOM_LENGTH)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  GpRelay *self = user_data;
  End *end = g_new0 (End, 1);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) form = query != NULL ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  const char *key = form != NULL ? g_hash_table_lookup (form, "key") : NULL;
  const char *id;
  Room *room;

  end->relay = self;
  end->connection = g_object_ref (connection);
  end->last_heard = end->tokens_at = g_get_monotonic_time ();
  end->tokens = BURST;
  soup_websocket_connection_set_max_incoming_payload_size (connection, self->max_message_size + 1);
  soup_websocket_connection_set_keepalive_interval (connection, KEEPALIVE_S);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), end);
  g_signal_connect (connection, "pong", G_CALLBACK (on_pong), end);
  g_signal_connect (connection, "error", G_CALLBACK (on_error), end);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), end);
  g_ptr_array_add (self->ends, end);

  if (self->closed || self->ends->len > 2 * self->max_sessions * 2 + 16)
    {
      end_close (end, GP_COBROWSE_CLOSE_POLICY, "too many connections");
      return;
    }

  if (g_str_has_prefix (path, HOST_PREFIX))
    {
      id = path + strlen (HOST_PREFIX);
      if (!valid_room (id) || key == NULL || strlen (key) < 16)
        {
          end_close (end, GP_COBROWSE_CLOSE_POLICY, "a host registers /guidepost/host/ROOM?key=KEY");
          return;
        }
      room = g_hash_table_lookup (self->rooms, id);
      if (room == NULL)
        {
          if (g_hash_table_size (self->rooms) >= self->max_sessions)
            {
              relay_log (self, "refused room %s: %u sessions already", id, self->max_sessions);
              end_close (end, GP_COBROWSE_CLOSE_POLICY, "the relay has as many sessions as it takes");
              return;
            }
          room = g_new0 (Room, 1);
          room->id = g_strdup (id);
          room->key = g_strdup (key);
          g_queue_init (&room->idle);
          g_hash_table_insert (self->rooms, room->id, room);
          relay_log (self, "room %s opened", id);
        }
      else if (!gp_cobrowse_code_equal (room->key, key))
        {
          relay_log (self, "refused a host for room %s: wrong key", id);
          end_close (end, GP_COBROWSE_CLOSE_POLICY, "this room belongs to another host");
          return;
        }
      if (room->idle.length >= MAX_IDLE_PER_ROOM)
        {
          end_close (end, GP_COBROWSE_CLOSE_POLICY, "too many idle host connections");
          return;
        }
      end->is_host = TRUE;
      end->room = room;
      room->n_ends++;
      g_queue_push_tail (&room->idle, end);
      return;
    }

  if (g_str_has_prefix (path, ROOM_PREFIX))
    {
      End *host;

      id = path + strlen (ROOM_PREFIX);
      room = valid_room (id) ? g_hash_table_lookup (self->rooms, id) : NULL;
      if (room == NULL)
        {
          end_close (end, GP_COBROWSE_CLOSE_NO_ROOM, "no such room");
          return;
        }
      if (room->n_ends >= 2 * MAX_PAIRS_PER_ROOM)
        {
          end_close (end, GP_COBROWSE_CLOSE_POLICY, "the room is full");
          return;
        }
      host = g_queue_pop_head (&room->idle);
      if (host == NULL)
        {
          /* Not a final refusal: the host opens another idle connection soon. */
          end_close (end, GP_COBROWSE_CLOSE_TRY_AGAIN, "the host is not ready: try again");
          return;
        }
      end->room = room;
      room->n_ends++;
      end->partner = host;
      host->partner = end;
      relay_log (self, "peer paired in room %s", id);
      return;
    }

  end_close (end, GP_COBROWSE_CLOSE_POLICY, "unknown path");
}

static gboolean
sweep (gpointer user_data)
{
  GpRelay *self = user_data;
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < self->ends->len; i++)
    {
      End *end = g_ptr_array_index (self->ends, i);

      if (!end->closing && now - end->last_heard > DEAD_AFTER_US)
        {
          relay_log (self, "dropping a silent connection");
          end_close (end, 0, NULL);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
gp_relay_dispose (GObject *object)
{
  GpRelay *self = GP_RELAY (object);

  gp_relay_close (self);
  while (self->ends->len > 0)
    end_free (g_ptr_array_steal_index_fast (self->ends, self->ends->len - 1));
  g_hash_table_remove_all (self->rooms);
  g_clear_object (&self->certificate);
  G_OBJECT_CLASS (gp_relay_parent_class)->dispose (object);
}

static void
gp_relay_finalize (GObject *object)
{
  GpRelay *self = GP_RELAY (object);

  g_hash_table_unref (self->rooms);
  g_ptr_array_unref (self->ends);
  g_free (self->uri);
  G_OBJECT_CLASS (gp_relay_parent_class)->finalize (object);
}

static void
gp_relay_class_init (GpRelayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gp_relay_dispose;
  object_class->finalize = gp_relay_finalize;

  signals[LOG] = g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gp_relay_init (GpRelay *self)
{
  self->rooms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) room_free);
  self->ends = g_ptr_array_new ();
  self->max_sessions = GP_RELAY_DEFAULT_MAX_SESSIONS;
  self->max_message_size = GP_RELAY_DEFAULT_MAX_MESSAGE_SIZE;
}

GpRelay *
gp_relay_new (void)
{
  return g_object_new (GP_TYPE_RELAY, NULL);
}

void
gp_relay_set_tls_certificate (GpRelay         *self,
                              GTlsCertificate *certificate)
{
  g_return_if_fail (GP_IS_RELAY (self));
  g_return_if_fail (self->server == NULL);
  g_set_object (&self->certificate, certificate);
}

void
gp_relay_set_limits (GpRelay *self,
                     guint    max_sessions,
                     gsize    max_message_size)
{
  g_return_if_fail (GP_IS_RELAY (self));
  g_return_if_fail (max_sessions > 0 && max_message_size >= 1024);

  self->max_sessions = max_sessions;
  self->max_message_size = max_message_size;
}

gboolean
gp_relay_listen (GpRelay     *self,
                 const char  *address,
                 guint        port,
                 GError     **error)
{
  GSList *uris;

  g_return_val_if_fail (GP_IS_RELAY (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  self->server = gp_cobrowse_server_listen (self->certificate, address, port, on_websocket, self, error);
  if (self->server == NULL)
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    self->uri = g_strdup_printf ("%s://%s:%d", self->certificate != NULL ? "wss" : "ws",
                                 g_uri_get_host (uris->data), g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->sweep_id = g_timeout_add_seconds (5, sweep, self);
  relay_log (self, "listening on %s", self->uri);
  return TRUE;
}

const char *
gp_relay_get_uri (GpRelay *self)
{
  g_return_val_if_fail (GP_IS_RELAY (self), NULL);
  return self->uri;
}

guint
gp_relay_get_n_sessions (GpRelay *self)
{
  g_return_val_if_fail (GP_IS_RELAY (self), 0);
  return g_hash_table_size (self->rooms);
}

guint
gp_relay_get_n_connections (GpRelay *self)
{
  g_return_val_if_fail (GP_IS_RELAY (self), 0);
  return self->ends->len;
}

void
gp_relay_close (GpRelay *self)
{
  g_return_if_fail (GP_IS_RELAY (self));

  if (self->closed)
    return;
  self->closed = TRUE;
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  for (guint i = 0; i < self->ends->len; i++)
    end_close (g_ptr_array_index (self->ends, i), 1012, "the relay is restarting");
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  relay_log (self, "closing %u connections", self->ends->len);
}
