/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-cobrowse-host-private.h"

/* A host reached through guidepost-relay: idle connections registered in a room, each
 * paired by the relay with the next peer (docs/protocol.md, "Relay"). */

#define RELAY_IDLE 2

static void
on_relay_pong (SoupWebsocketConnection *connection,
               GBytes                  *message,
               Connection              *c)
{
  c->last_heard = gp_cobrowse_host_now (c->host);
}

static void
on_relay_connected (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GpCobrowseHost) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;
  Connection *c;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (connection == NULL)
    {
      g_debug ("Cannot register at the relay: %s", error->message);
      self->relay_pending--;
      gp_cobrowse_host_relay_retry (self);
      return;
    }
  if (self->closed)
    {
      self->relay_pending--;
      gp_cobrowse_close (connection, GP_COBROWSE_CLOSE_GOING_AWAY, "the host has ended co-browsing");
      g_object_unref (connection);
      return;
    }
  self->relay_backoff_ms = 0;
  g_object_set_data_full (G_OBJECT (connection), "gp-remote-address", g_strdup ("relay"), g_free);
  c = gp_cobrowse_host_add_connection (self, connection);
  g_object_unref (connection);
  c->relay_idle = TRUE;
  /* The relay pings; its pongs keep an idle connection alive for the gp_cobrowse_host_sweep. */
  soup_websocket_connection_set_keepalive_interval (connection, 10);
  g_signal_connect (connection, "pong", G_CALLBACK (on_relay_pong), c);
  if (!self->relay_registered)
    {
      self->relay_registered = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), gp_cobrowse_host_properties[PROP_RELAY_REGISTERED]);
    }
}

static gboolean
on_relay_accept_certificate (SoupMessage          *msg,
                             GTlsCertificate      *certificate,
                             GTlsCertificateFlags  errors,
                             GpCobrowseHost       *self)
{
  return self->relay_certificate != NULL && g_tls_certificate_is_same (certificate, self->relay_certificate);
}

void
gp_cobrowse_host_relay_fill (GpCobrowseHost *self)
{
  while (!self->closed && self->relay_base != NULL && self->relay_pending < RELAY_IDLE &&
         self->relay_retry_id == 0)
    {
      g_autofree char *uri = g_strdup_printf ("%s%s/host/%s?key=%s", self->relay_base, GP_COBROWSE_PATH,
                                              self->room, self->room_key);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

      g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_relay_accept_certificate), self);
      self->relay_pending++;
      soup_session_websocket_connect_async (self->relay_soup, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                            NULL, on_relay_connected, g_object_ref (self));
    }
}

static gboolean
relay_retry_cb (gpointer user_data)
{
  GpCobrowseHost *self = user_data;

  self->relay_retry_id = 0;
  gp_cobrowse_host_relay_fill (self);
  return G_SOURCE_REMOVE;
}

void
gp_cobrowse_host_relay_retry (GpCobrowseHost *self)
{
  if (self->closed || self->relay_retry_id != 0)
    return;
  self->relay_backoff_ms = CLAMP (self->relay_backoff_ms * 2, 50, 5000);
  self->relay_retry_id = g_timeout_add (self->relay_backoff_ms, relay_retry_cb, self);
}

gboolean
gp_cobrowse_host_connect_relay (GpCobrowseHost   *self,
                                const char       *relay_uri,
                                GTlsCertificate  *accepted,
                                GError          **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), FALSE);
  g_return_val_if_fail (relay_uri != NULL, FALSE);
  g_return_val_if_fail (self->relay_base == NULL, FALSE);

  uri = g_uri_parse (relay_uri, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL || (g_strcmp0 (scheme, "ws") != 0 && g_strcmp0 (scheme, "wss") != 0) ||
      g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED,
                   "“%s” is not a relay address (ws://HOST:PORT or wss://HOST:PORT)", relay_uri);
      return FALSE;
    }
  self->relay_base = g_strdup_printf ("%s://%s:%d", g_strcmp0 (scheme, "wss") == 0 ? "https" : "http",
                                      g_uri_get_host (uri),
                                      g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : (g_strcmp0 (scheme, "wss") == 0 ? 443 : 80));
  self->room = gp_cobrowse_code_generate (16);
  self->room_key = gp_cobrowse_code_generate (TOKEN_LENGTH);
  self->relay_uri = g_strdup_printf ("%s://%s:%d%s/room/%s", scheme, g_uri_get_host (uri),
                                     g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : (g_strcmp0 (scheme, "wss") == 0 ? 443 : 80),
                                     GP_COBROWSE_PATH, self->room);
  g_set_object (&self->relay_certificate, accepted);
  self->relay_soup = soup_session_new_with_options ("timeout", 0, "idle-timeout", 0, NULL);
  soup_session_remove_feature_by_type (self->relay_soup, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER);
  if (self->sweep_id == 0)
    self->sweep_id = g_timeout_add (SWEEP_INTERVAL_MS, gp_cobrowse_host_sweep, self);
  gp_cobrowse_host_relay_fill (self);
  return TRUE;
}

gboolean
gp_cobrowse_host_get_relay_registered (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), FALSE);
  return self->relay_registered;
}

const char *
gp_cobrowse_host_get_relay_uri (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);
  return self->relay_uri;
}

/* Keepalive: a peer that sent nothing (not even a ping) for dead-after is gone. */
