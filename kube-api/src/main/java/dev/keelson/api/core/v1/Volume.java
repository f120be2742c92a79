package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a named volume in a pod that may be accessed by any container in the pod. */
@KubeModel
public record Volume(
    String name,
    HostPathVolumeSource hostPath,
    EmptyDirVolumeSource emptyDir,
    GCEPersistentDiskVolumeSource gcePersistentDisk,
    AWSElasticBlockStoreVolumeSource awsElasticBlockStore,
    GitRepoVolumeSource gitRepo,
    SecretVolumeSource secret,
    NFSVolumeSource nfs,
    ISCSIVolumeSource iscsi,
    GlusterfsVolumeSource glusterfs,
    PersistentVolumeClaimVolumeSource persistentVolumeClaim,
    RBDVolumeSource rbd,
    FlexVolumeSource flexVolume,
    CinderVolumeSource cinder,
    CephFSVolumeSource cephfs,
    FlockerVolumeSource flocker,
    DownwardAPIVolumeSource downwardAPI,
    FCVolumeSource fc,
    AzureFileVolumeSource azureFile,
    ConfigMapVolumeSource configMap,
    VsphereVirtualDiskVolumeSource vsphereVolume,
    QuobyteVolumeSource quobyte,
    AzureDiskVolumeSource azureDisk,
    PhotonPersistentDiskVolumeSource photonPersistentDisk,
    ProjectedVolumeSource projected,
    PortworxVolumeSource portworxVolume,
    ScaleIOVolumeSource scaleIO,
    StorageOSVolumeSource storageos,
    CSIVolumeSource csi,
    EphemeralVolumeSource ephemeral,
    ImageVolumeSource image)
    implements VolumeBuilder.With {}
