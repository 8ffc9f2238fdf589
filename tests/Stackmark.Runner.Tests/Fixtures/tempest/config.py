from oslo_config import cfg

compute_features_group = cfg.OptGroup(name='compute-feature-enabled',
                                      title="Enabled Compute Service Features")
validation_group = cfg.OptGroup(name='validation',
                                title='SSH Validation options')
service_available_group = cfg.OptGroup(name="service_available",
                                       title="Available OpenStack Services")
