/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-cobrowse-peer-info-private.h"

struct _GpCobrowsePeerInfo
{
  GObject         parent_instance;
  GpCobrowseRole  role;
  char           *name;
  char           *address;
  gboolean        admitted;
  gboolean        connected;
  gboolean        trainee;
  gboolean        driving;
};

G_DEFINE_FINAL_TYPE (GpCobrowsePeerInfo, gp_cobrowse_peer_info, G_TYPE_OBJECT)

enum { PROP_0, PROP_ROLE, PROP_NAME, PROP_ADDRESS, PROP_ADMITTED, PROP_CONNECTED, PROP_TRAINEE, PROP_DRIVING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
gp_cobrowse_peer_info_finalize (GObject *object)
{
  GpCobrowsePeerInfo *self = GP_COBROWSE_PEER_INFO (object);

  g_free (self->name);
  g_free (self->address);
  G_OBJECT_CLASS (gp_cobrowse_peer_info_parent_class)->finalize (object);
}

static void
gp_cobrowse_peer_info_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GpCobrowsePeerInfo *self = GP_COBROWSE_PEER_INFO (object);

  switch (prop_id)
    {
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_ADDRESS: g_value_set_string (value, self->address); break;
    case PROP_ADMITTED: g_value_set_boolean (value, self->admitted); break;
    case PROP_CONNECTED: g_value_set_boolean (value, self->connected); break;
    case PROP_TRAINEE: g_value_set_boolean (value, self->trainee); break;
    case PROP_DRIVING: g_value_set_boolean (value, self->driving); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_cobrowse_peer_info_class_init (GpCobrowsePeerInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gp_cobrowse_peer_info_finalize;
  object_class->get_property = gp_cobrowse_peer_info_get_property;

  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, GP_TYPE_COBROWSE_ROLE,
                                             GP_COBROWSE_ROLE_OBSERVER, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_ADMITTED] = g_param_spec_boolean ("admitted", NULL, NULL, FALSE, flags);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, flags);
  properties[PROP_TRAINEE] = g_param_spec_boolean ("trainee", NULL, NULL, FALSE, flags);
  properties[PROP_DRIVING] = g_param_spec_boolean ("driving", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gp_cobrowse_peer_info_init (GpCobrowsePeerInfo *self)
{
}

GpCobrowsePeerInfo *
gp_cobrowse_peer_info_new (GpCobrowseRole  role,
                           const char     *name,
                           const char     *address)
{
  GpCobrowsePeerInfo *self = g_object_new (GP_TYPE_COBROWSE_PEER_INFO, NULL);

  self->role = role;
  self->name = g_strdup (name);
  self->address = g_strdup (address);
  self->connected = TRUE;
  return self;
}

void
gp_cobrowse_peer_info_set_admitted (GpCobrowsePeerInfo *self,
                                    gboolean            admitted)
{
  if (self->admitted == !!admitted)
    return;
  self->admitted = !!admitted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADMITTED]);
}

void
gp_cobrowse_peer_info_set_connected (GpCobrowsePeerInfo *self,
                                     gboolean            connected)
{
  if (self->connected == !!connected)
    return;
  self->connected = !!connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

void
gp_cobrowse_peer_info_set_trainee (GpCobrowsePeerInfo *self)
{
  if (self->trainee)
    return;
  self->trainee = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINEE]);
}

void
gp_cobrowse_peer_info_set_driving (GpCobrowsePeerInfo *self,
                                   gboolean            driving)
{
  if (self->driving == !!driving)
    return;
  self->driving = !!driving;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRIVING]);
}

GpCobrowseRole
gp_cobrowse_peer_info_get_role (GpCobrowsePeerInfo *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER_INFO (self), GP_COBROWSE_ROLE_OBSERVER);
  return self->role;
}

const char *
gp_cobrowse_peer_info_get_name (GpCobrowsePeerInfo *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER_INFO (self), NULL);
  return self->name;
}

const char *
gp_cobrowse_peer_info_get_address (GpCobrowsePeerInfo *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER_INFO (self), NULL);
  return self->address;
}

gboolean
gp_cobrowse_peer_info_get_admitted (GpCobrowsePeerInfo *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER_INFO (self), FALSE);
  return self->admitted;
}

gboolean
gp_cobrowse_peer_info_get_connected (GpCobrowsePeerInfo *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER_INFO (self), FALSE);
  return self->connected;
}

gboolean
gp_cobrowse_peer_info_get_trainee (GpCobrowsePeerInfo *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER_INFO (self), FALSE);
  return self->trainee;
}

gboolean
gp_cobrowse_peer_info_get_driving (GpCobrowsePeerInfo *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_PEER_INFO (self), FALSE);
  return self->driving;
}
