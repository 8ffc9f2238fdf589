"""Cinder volume driver of the devcloud's compute profile with --virt qemu: volumes as sparse files.

Loaded by cinder-volume with deploy/devcloud/lib/py on PYTHONPATH (no installed file is changed):
    [file]
    volume_driver = filevolume.FileVolumeDriver
    volume_backend_name = file
    file_volume_dir = $STATE/data/cinder/volumes

A volume is the sparse raw file  <file_volume_dir>/volume-<id>, a snapshot the sparse copy
<file_volume_dir>/snapshot-<id>. Attaching needs no iSCSI, LVM, NFS or device-mapper (this kernel
has none of them): the connection type "gpfs" makes Nova Zed's libvirt driver use
LibvirtGPFSVolumeDriver, whose connect/disconnect do nothing and which gives the guest
    <disk type="file" device="disk"><driver type="raw" cache="none"/><source file="device_path"/>
So cinder-volume, nova-compute and qemu must see the same directory: one host only. A snapshot of
an attached volume is a crash-consistent copy. cache="none" opens the file with O_DIRECT, so the
directory must be on a filesystem that supports it (ext4, xfs; not an old tmpfs).
"""
import os

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import units

from cinder import exception
from cinder.image import image_utils
from cinder.volume import driver
from cinder.volume import volume_utils

LOG = logging.getLogger(__name__)

OPTS = [cfg.StrOpt('file_volume_dir', help='Directory of the volume and snapshot files '
                                           '(default: $state_path/file-volumes).')]


class FileVolumeDriver(driver.VolumeDriver):
    """Volumes and snapshots as sparse raw files in one local directory."""

    VERSION = '1.0.0'

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.configuration.append_config_values(OPTS)
        self.dir = (self.configuration.safe_get('file_volume_dir')
                    or os.path.join(cfg.CONF.state_path, 'file-volumes'))

    def do_setup(self, context):
        os.makedirs(self.dir, exist_ok=True)

    def check_for_setup_error(self):
        if not os.access(self.dir, os.W_OK):
            raise exception.VolumeBackendAPIException(data=f'{self.dir} is not writable')

    # ----------------------------------------------------------- files --
    def local_path(self, volume):
        return os.path.join(self.dir, volume.name)          # volume-<id>

    def _snapshot_path(self, snapshot):
        return os.path.join(self.dir, snapshot.name)        # snapshot-<id>

    @staticmethod
    def _grow(path, size_gb):
        """Make the file size_gb GiB long (sparse; never shrinks it)."""
        if os.path.getsize(path) < size_gb * units.Gi:
            os.truncate(path, size_gb * units.Gi)

    def _copy(self, src, dst, size_gb):
        # --sparse=always: a copy of an empty 1 GiB volume stays empty instead of writing 1 GiB of zeros
        self._execute('cp', '--sparse=always', src, dst)
        self._grow(dst, size_gb)

    @staticmethod
    def _remove(path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            LOG.warning('%s was already gone', path)

    # --------------------------------------------------------- volumes --
    def create_volume(self, volume):
        open(self.local_path(volume), 'wb').close()
        self._grow(self.local_path(volume), volume.size)

    def delete_volume(self, volume):
        self._remove(self.local_path(volume))

    def extend_volume(self, volume, new_size):
        self._grow(self.local_path(volume), new_size)

    def create_cloned_volume(self, volume, src_vref):
        self._copy(self.local_path(src_vref), self.local_path(volume), volume.size)

    # ------------------------------------------------------- snapshots --
    def create_snapshot(self, snapshot):
        self._copy(self.local_path(snapshot.volume), self._snapshot_path(snapshot), snapshot.volume_size)

    def delete_snapshot(self, snapshot):
        self._remove(self._snapshot_path(snapshot))

    def create_volume_from_snapshot(self, volume, snapshot):
        self._copy(self._snapshot_path(snapshot), self.local_path(volume), volume.size)

    def revert_to_snapshot(self, context, volume, snapshot):
        self._copy(self._snapshot_path(snapshot), self.local_path(volume), volume.size)

    # ---------------------------------------------------------- images --
    def copy_image_to_volume(self, context, volume, image_service, image_id):
        # download, check the virtual size against the volume, `qemu-img convert -O raw` onto the file
        image_utils.fetch_to_raw(context, image_service, image_id, self.local_path(volume),
                                 self.configuration.volume_dd_blocksize, size=volume.size)
        # qemu-img recreates a regular target file at the image's virtual size (25 MiB for the
        # devcloud guest): grow it back to the volume's size (a block device would not shrink)
        self._grow(self.local_path(volume), volume.size)

    def copy_volume_to_image(self, context, volume, image_service, image_meta):
        # raw: the file is uploaded as it is; any other disk_format goes through qemu-img convert
        volume_utils.upload_volume(context, image_service, image_meta, self.local_path(volume), volume)

    # ------------------------------------------------------ connection --
    def initialize_connection(self, volume, connector, **kwargs):
        readonly = volume.admin_metadata.get('readonly') == 'True'
        return {'driver_volume_type': 'gpfs',               # Nova: a <disk type="file">, no connector
                'data': {'device_path': self.local_path(volume), 'name': volume.name,
                         'access_mode': 'ro' if readonly else 'rw'}}

    def terminate_connection(self, volume, connector, **kwargs):
        pass

    # The file already is where qemu opens it: nothing to export.
    def create_export(self, context, volume, connector):
        pass

    def ensure_export(self, context, volume):
        pass

    def remove_export(self, context, volume):
        pass

    # ----------------------------------------------------------- stats --
    def _update_volume_stats(self):
        st = os.statvfs(self.dir)
        self._stats = {
            'volume_backend_name': self.configuration.safe_get('volume_backend_name') or 'file',
            'vendor_name': 'Stackmark devcloud',
            'driver_version': self.VERSION,
            'storage_protocol': 'file',
            'total_capacity_gb': round(st.f_blocks * st.f_frsize / units.Gi, 2),
            'free_capacity_gb': round(st.f_bavail * st.f_frsize / units.Gi, 2),
            'reserved_percentage': self.configuration.safe_get('reserved_percentage') or 0,
            'QoS_support': False,
            'multiattach': False,
            'thin_provisioning_support': True,
        }
