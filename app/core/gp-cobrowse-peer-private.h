/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gp-cobrowse-private.h"

G_BEGIN_DECLS

/* The peer's fields, shared by gp-cobrowse-peer.c (the connection) and
 * gp-cobrowse-peer-state.c (saving and resuming after the process died). */
struct _GpCobrowsePeer
{
  GObject                  parent_instance;

  char                    *uri;
  char                    *code;         /* NULL for a peer resumed from its state */
  char                    *token;
  char                    *name;
  GpCobrowseRole           role;         /* as joined: sent in every hello */
  GpCobrowseRole           acting;       /* as the host checks requests now */
  GpCobrowsePeerState      state;
  GError                  *close_error;

  SoupSession             *soup;
  SoupWebsocketConnection *connection;
  GCancellable            *cancellable;
  GTlsCertificate         *accepted;
  GpSession               *mirror;
  GHashTable              *pending;      /* request id → GTask */
  guint64                  next_request;

  gint64                   last_heard;
  guint                    ping_ms;
  gint64                   dead_after;
  gint64                   last_ping;
  guint                    ping_id;
  guint                    reconnect_id;
  guint                    backoff_ms;
  gboolean                 hold_reconnect;   /* tests: stay in "reconnecting" */
  gboolean                 closing;      /* asked to close, or told to go */
  gboolean                 silent;
  gboolean                 connecting;   /* a connect is in flight (and holds a reference) */
  guint                    attempt;      /* answers to older connects are dropped */
};

/* gp-cobrowse-peer.c */
void gp_cobrowse_peer_send_message  (GpCobrowsePeer  *self,
                                     JsonObject      *message);
/* gp-cobrowse-peer-requests.c */
void gp_cobrowse_peer_fail_pending  (GpCobrowsePeer  *self,
                                     GpCobrowseError  code,
                                     const char      *message);
void gp_cobrowse_peer_handle_result (GpCobrowsePeer  *self,
                                     JsonObject      *message);

G_END_DECLS
