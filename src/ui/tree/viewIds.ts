// The two views' ids, as the manifest declares them.
export const NETWORKS_VIEW_ID = 'dockerNetworks.networksView';
export const CONTAINERS_VIEW_ID = 'dockerNetworks.containersView';
