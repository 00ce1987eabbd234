/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Co-browse: the words shared by the host, the peers and the relay.  The protocol itself
 * is described in docs/protocol.md. */

#define GP_COBROWSE_PROTOCOL_VERSION 1
/* The WebSocket path of a host, and the prefix of a relay's rooms. */
#define GP_COBROWSE_PATH "/guidepost"
/* Largest message a host or relay accepts (whole message, not per frame). */
#define GP_COBROWSE_MAX_MESSAGE_SIZE (64 * 1024)
/* A welcome carries the flow and the session so far: peers accept larger messages. */
#define GP_COBROWSE_MAX_WELCOME_SIZE (16 * 1024 * 1024)
/* Join codes: this many characters of GP_COBROWSE_CODE_ALPHABET. */
#define GP_COBROWSE_CODE_LENGTH 8
#define GP_COBROWSE_CODE_ALPHABET "ACDEFGHJKMNPQRTUVWXY34679"
#define GP_COBROWSE_CODE_LIFETIME_US (20 * G_USEC_PER_SEC * 60)
#define GP_COBROWSE_CODE_MAX_FAILURES 5
/* A classroom takes at most this many trainees (gp_cobrowse_host_open_classroom()). */
#define GP_COBROWSE_MAX_TRAINEES 100

typedef enum {
  GP_COBROWSE_ROLE_AGENT,
  GP_COBROWSE_ROLE_CUSTOMER,
  GP_COBROWSE_ROLE_TRAINER,
  GP_COBROWSE_ROLE_OBSERVER,
} GpCobrowseRole;

#define GP_TYPE_COBROWSE_ROLE (gp_cobrowse_role_get_type ())
GType        gp_cobrowse_role_get_type    (void) G_GNUC_CONST;
/* "agent", "customer", "trainer", "observer" */
const char  *gp_cobrowse_role_to_string   (GpCobrowseRole  role);
gboolean     gp_cobrowse_role_from_string (const char     *text,
                                           GpCobrowseRole *role);

/* Errors of the co-browse layer; a refused session action is a GP_SESSION_ERROR. */
#define GP_COBROWSE_ERROR (gp_cobrowse_error_quark ())
typedef enum {
  GP_COBROWSE_ERROR_FORBIDDEN,      /* the role may never do this */
  GP_COBROWSE_ERROR_NOT_DRIVING,    /* the role may, but only while its side drives */
  GP_COBROWSE_ERROR_BAD_REQUEST,    /* missing or mistyped arguments */
  GP_COBROWSE_ERROR_UNKNOWN_ACTION, /* an action this host does not know */
  GP_COBROWSE_ERROR_RATE_LIMITED,   /* too many messages or code attempts */
  GP_COBROWSE_ERROR_NO_COUNTERPART, /* nobody on the other side to consent */
  GP_COBROWSE_ERROR_DECLINED,       /* the other side said no */
  GP_COBROWSE_ERROR_BUSY,           /* a consent question is already open */
  GP_COBROWSE_ERROR_REFUSED,        /* the agent refused the join */
  GP_COBROWSE_ERROR_BAD_CODE,       /* wrong, used, burned or expired join code, unknown token */
  GP_COBROWSE_ERROR_DISCONNECTED,   /* the connection dropped before the answer came */
  GP_COBROWSE_ERROR_CLOSED,         /* the peer or host was closed */
  GP_COBROWSE_ERROR_PROTOCOL,       /* the other side broke the protocol */
  GP_COBROWSE_ERROR_FULL,           /* too many peers */
  GP_COBROWSE_ERROR_FAILED,         /* anything else (listening, TLS ...) */
} GpCobrowseError;
GQuark       gp_cobrowse_error_quark      (void);

/* The spelling of an error code on the wire ("forbidden", "not-driving" ...). */
const char  *gp_cobrowse_error_to_string  (GpCobrowseError code);

G_END_DECLS
