/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* guidepost-relay: for hosts and peers that cannot reach each other.  Both connect out
 * to it: a host keeps idle sockets registered in a room (/guidepost/host/ROOM?key=KEY),
 * each peer that connects to the room (/guidepost/room/ROOM) is paired with one of them,
 * and from then on the relay copies text messages both ways without reading them,
 * enforcing only sizes, rates and counts (docs/protocol.md, "Relay").
 *
 * Signal ::log (const char *line): one line of what happens, for the relay's stdout. */

#define GP_TYPE_RELAY (gp_relay_get_type ())

G_DECLARE_FINAL_TYPE (GpRelay, gp_relay, GP, RELAY, GObject)

#define GP_RELAY_DEFAULT_MAX_SESSIONS     1000
#define GP_RELAY_DEFAULT_MAX_MESSAGE_SIZE (16 * 1024 * 1024)

GpRelay    *gp_relay_new                 (void);
void        gp_relay_set_tls_certificate (GpRelay         *self,
                                          GTlsCertificate *certificate);
/* @max_sessions: rooms at once; @max_message_size: bytes, whole message, both ways */
void        gp_relay_set_limits          (GpRelay         *self,
                                          guint            max_sessions,
                                          gsize            max_message_size);
/* @address: (nullable): NULL for 127.0.0.1; @port: 0 for any free port */
gboolean    gp_relay_listen              (GpRelay         *self,
                                          const char      *address,
                                          guint            port,
                                          GError         **error);
/* Returns: (nullable): "ws://127.0.0.1:PORT" (or wss://) once listening */
const char *gp_relay_get_uri             (GpRelay         *self);
guint       gp_relay_get_n_sessions      (GpRelay         *self);
guint       gp_relay_get_n_connections   (GpRelay         *self);
/* Closes every connection (1012, "the relay is restarting": peers try again) and stops
 * listening. */
void        gp_relay_close               (GpRelay         *self);

G_END_DECLS
